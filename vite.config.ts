import path from 'node:path';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig(({ command }) => ({
  root: path.resolve(import.meta.dirname, 'client'),
  // Builds run from tests (NODE_ENV=test) too; pin production exports so Lit never ships in dev mode.
  resolve: command === 'build' ? { conditions: ['module', 'browser', 'production'] } : {},
  publicDir: false,
  // Brotli and gzip copies written at build time, so the server never compresses per request.
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // No public source maps: the shipped bundle is all a visitor downloads.
    sourcemap: false,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true }, '/feeds': 'http://127.0.0.1:3000' },
  },
}));
