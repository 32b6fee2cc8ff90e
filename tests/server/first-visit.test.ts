import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../server/commands/load-content';
import { buildTestApp } from '../helpers/test-app';

/**
 * The built client's JavaScript bundle (global setup builds the client): the app, which the small
 * entry `index.html` links imports once the page is painted.
 */
async function startWithBundle() {
  const app = await buildTestApp();
  const index = await app.inject('/');
  const entry = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
  if (!entry) throw new Error(`index.html links no script: ${index.body}`);
  const script = /"(assets\/agora-app-[^"]+\.js)"/.exec(fs.readFileSync(path.join(app.config.clientDir, entry), 'utf8'))?.[1];
  if (!script) throw new Error(`${entry} imports no app bundle`);
  return { app, index, script: `/${script}`, file: path.join(app.config.clientDir, script) };
}

describe('the web client on a first visit', () => {
  it('sends the bundle brotli-compressed, cached for a year', async () => {
    const { app, script, file } = await startWithBundle();
    const response = await app.inject({ url: script, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['cache-control']).toContain('max-age=31536000');
    expect(zlib.brotliDecompressSync(response.rawPayload).equals(fs.readFileSync(file))).toBe(true);
    expect(response.rawPayload.length).toBeLessThan(fs.statSync(file).size / 3);
  });

  it('sends the stylesheet compressed as well, saying the response varies with Accept-Encoding', async () => {
    const { app, index } = await startWithBundle();
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(index.body)?.[1];
    if (!stylesheet) throw new Error(`index.html links no stylesheet: ${index.body}`);
    const file = fs.readFileSync(path.join(app.config.clientDir, stylesheet));
    const br = await app.inject({ url: stylesheet, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);
    const plain = await app.inject({ url: stylesheet, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(file)).toBe(true);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const { app, script, file } = await startWithBundle();
    const gzip = await app.inject({ url: script, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).equals(fs.readFileSync(file))).toBe(true);
    const plain = await app.inject({ url: script, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(fs.readFileSync(file))).toBe(true);
  });

  it('publishes no source maps', async () => {
    const { app, script } = await startWithBundle();
    const bundle = await app.inject({ url: script, headers: { 'accept-encoding': 'identity' } });
    expect(bundle.body).not.toContain('sourceMappingURL');
    expect((await app.inject(`${script}.map`)).statusCode).toBe(404);
    expect(fs.readdirSync(path.join(app.config.clientDir, 'assets')).filter((name) => name.endsWith('.map'))).toEqual([]);
  });

  it('revalidates the page itself on every visit', async () => {
    const { index } = await startWithBundle();
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('tells the browser to fetch a section page’s data while the script loads', async () => {
    const { app } = await startWithBundle();
    const page = await app.inject('/c/ideal-government-it/governance');
    expect(page.headers.link).toBe(
      '</api/consultations/ideal-government-it/sections/governance>; rel=preload; as=fetch; crossorigin, </api/consultations/ideal-government-it>; rel=preload; as=fetch; crossorigin',
    );
    expect((await app.inject('/c/ideal-government-it')).headers.link).toBeUndefined();
    expect((await app.inject('/c/ideal-government-it/governance/history')).headers.link).toBeUndefined();
  });

  it('sends a section’s data compressed to browsers that accept it, the same JSON as uncompressed', async () => {
    const { app } = await startWithBundle();
    await loadContent(app.db, app.config.contentDir);
    const url = '/api/consultations/ideal-government-it/sections/governance';
    const plain = await app.inject(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    for (let i = 0; i < 2; i++) {
      // The second read is served from the read cache with the compressed body kept from the first.
      const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    }
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });
});
