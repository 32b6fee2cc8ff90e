import { beforeEach, describe, expect, it } from 'vitest';
import { changeRole } from '../../server/features/auth/users.service';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';
import { createActor, sessionCookieFrom, TEST_PASSWORD } from '../helpers/users';

let app: App;
beforeEach(async () => {
  app = await buildTestApp({ authRateLimitPerMinute: 1000 });
});

const signIn = async (username: string) =>
  sessionCookieFrom(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } }));
const me = async (cookie: string) => app.inject({ url: '/api/me', headers: { cookie } });

describe('changing roles', () => {
  it('lets an admin list accounts without any password hash', async () => {
    const admin = await createActor(app, 'admin');
    await createActor(app, 'citizen');
    const response = await admin.inject({ url: '/api/users' });
    expect(response.statusCode).toBe(200);
    expect(response.json().users).toHaveLength(2);
    expect(response.body).not.toMatch(/argon2|password/i);
  });

  it('takes effect on the person’s very next request', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen');
    expect((await citizen.inject({ url: '/api/users' })).statusCode).toBe(403);
    const response = await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/role`, payload: { role: 'admin' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: citizen.id, role: 'admin' });
    expect((await citizen.inject({ url: '/api/users' })).statusCode).toBe(200);
    expect((await me(citizen.cookie)).json().user.role).toBe('admin');
  });

  it('tells the live channel, so open sockets are re-checked', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen');
    await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/role`, payload: { role: 'moderator' } });
    const events = await app.db.selectFrom('events').select(['channel', 'type']).execute();
    expect(events).toContainEqual({ channel: `user:${citizen.id}`, type: 'account.role_changed' });
  });

  it('does not let an admin change their own role', async () => {
    const admin = await createActor(app, 'admin');
    const response = await admin.inject({ method: 'POST', url: `/api/users/${admin.id}/role`, payload: { role: 'citizen' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('own_account');
  });

  it('never demotes the last admin', async () => {
    // Through the API the own-role rule already guarantees this; the service checks it anyway.
    const admin = await createActor(app, 'admin');
    await expect(changeRole(app.db, admin.id, 'editor')).rejects.toMatchObject({ statusCode: 409, code: 'last_admin' });
    const other = await createActor(app, 'admin');
    const response = await other.inject({ method: 'POST', url: `/api/users/${admin.id}/role`, payload: { role: 'editor' } });
    expect(response.statusCode).toBe(200);
  });

  it('answers 404 for an account that does not exist and 400 for a role that does not', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen');
    expect((await admin.inject({ method: 'POST', url: '/api/users/9999/role', payload: { role: 'editor' } })).statusCode).toBe(404);
    const response = await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/role`, payload: { role: 'emperor' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('role');
  });
});

describe('blocking', () => {
  it('signs the person out everywhere at once', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen');
    const laptop = await signIn(citizen.username);
    const phone = await signIn(citizen.username);
    const response = await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/block`, payload: { reason: 'Repeated abuse' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ blocked: true, blockedReason: 'Repeated abuse' });
    for (const cookie of [citizen.cookie, laptop, phone]) expect((await me(cookie)).json().user).toBeNull();
  });

  it('leaves them able to sign in and read, but not to act', async () => {
    const admin = await createActor(app, 'admin');
    const blockedAdmin = await createActor(app, 'admin');
    await admin.inject({ method: 'POST', url: `/api/users/${blockedAdmin.id}/block`, payload: { reason: 'Account compromised' } });
    const cookie = await signIn(blockedAdmin.username);
    expect((await me(cookie)).json().user).toMatchObject({ blocked: true });
    expect((await app.inject({ url: '/api/consultations', headers: { cookie } })).statusCode).toBe(200);
    const { token } = (await app.inject({ url: '/api/auth/csrf', headers: { cookie } })).json();
    const attempt = await app.inject({ method: 'POST', url: `/api/users/${admin.id}/role`, payload: { role: 'citizen' }, headers: { cookie, 'x-csrf-token': token } });
    expect(attempt.statusCode).toBe(403);
    expect(attempt.json().error.code).toBe('blocked');
  });

  it('needs a reason', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen');
    for (const payload of [{}, { reason: '' }, { reason: '   ' }]) {
      const response = await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/block`, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: 'reason', message: 'Enter the reason for blocking this account.' });
    }
    expect((await me(citizen.cookie)).statusCode).toBe(200);
  });

  it('can be undone', async () => {
    const admin = await createActor(app, 'admin');
    const citizen = await createActor(app, 'citizen', { blocked: true });
    const response = await admin.inject({ method: 'POST', url: `/api/users/${citizen.id}/unblock` });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ blocked: false, blockedReason: null });
    expect((await me(citizen.cookie)).json().user.blocked).toBe(false);
  });

  it('is not something an admin can do to themselves', async () => {
    const admin = await createActor(app, 'admin');
    const response = await admin.inject({ method: 'POST', url: `/api/users/${admin.id}/block`, payload: { reason: 'Testing' } });
    expect(response.statusCode).toBe(403);
  });
});
