import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { post } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { createActor } from '../helpers/users';

let app: App;
afterEach(async () => app.close());

describe('new accounts wait between posts', () => {
  it('holds a brand-new account between its first posts, and never an older one', async () => {
    app = await buildTestApp({ newAccountPostIntervalSeconds: 30, newAccountHours: 24 });
    await createConsultation(app.db);
    const newcomer = await createActor(app);
    const regular = await createActor(app);
    await app.db.updateTable('users').set({ created_at: new Date(Date.now() - 2 * 24 * 3_600_000).toISOString() }).where('id', '=', regular.id).execute();

    expect((await post(newcomer, { body: 'My first post.' })).statusCode).toBe(201);
    const second = await post(newcomer, { body: 'And straight away a second.' });
    expect(second.statusCode).toBe(429);
    expect(second.json().error.message).toMatch(/New accounts wait 30 seconds between posts/);
    expect(second.json().error.details.retryAfter).toBeGreaterThan(0);

    for (const body of ['One.', 'Two.', 'Three.']) expect((await post(regular, { body })).statusCode).toBe(201);
  });

  it('is off with 0', async () => {
    app = await buildTestApp();
    await createConsultation(app.db);
    const newcomer = await createActor(app);
    for (const body of ['One.', 'Two.']) expect((await post(newcomer, { body })).statusCode).toBe(201);
  });
});
