import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  root: path.resolve(import.meta.dirname, 'client'),
  // Builds run from tests (NODE_ENV=test) too; pin production exports so Lit never ships in dev mode.
  resolve: command === 'build' ? { conditions: ['module', 'browser', 'production'] } : {},
  publicDir: false,
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true }, '/feeds': 'http://127.0.0.1:3000' },
  },
}));
