import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { createActor } from '../helpers/users';

// PostgreSQL cannot hold U+0000 in text: a comment or a passage id with one was a 500 there.
describe('a NUL character (U+0000) in any text sent', () => {
  let app: App;
  beforeEach(async () => {
    app = await buildTestApp();
    await createConsultation(app.db);
  });

  it('is refused with a 400 naming the field, in a query', async () => {
    const response = await app.inject({ url: COMMENTS_URL, query: { block: 'p-1\u0000' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'block' });
  });

  it('is refused in a JSON body, nested or not, and nothing is stored', async () => {
    const author = await createActor(app);
    const plain = await author.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Fine\u0000text' } });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error).toMatchObject({ code: 'invalid_input', field: 'body' });
    const nested = await author.inject({
      method: 'POST',
      url: COMMENTS_URL,
      payload: { kind: 'general', body: 'Fine text', anchor: { blockId: 'p-1', exact: 'a\u0000', start: 0, end: 1 } },
    });
    expect(nested.json().error).toMatchObject({ code: 'invalid_input', field: 'anchor.exact' });
    expect((await app.inject({ url: COMMENTS_URL })).json().comments).toEqual([]);
  });

  it('is refused in a path', async () => {
    const response = await app.inject({ url: '/api/consultations/test%00consultation' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('c');
  });
});
