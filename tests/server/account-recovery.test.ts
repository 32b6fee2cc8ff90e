import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config';
import { LINKS_PER_HOUR } from '../../server/features/auth/account.service';
import type { App } from '../../server/platform/fastify';
import { linkIn, mailTo, startMailServer, type TestMailServer } from '../helpers/mail';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor, sessionCookieFrom, TEST_PASSWORD } from '../helpers/users';

const NEW_PASSWORD = 'quince meadow lighthouse 7';
let smtp: TestMailServer;
let app: App;
beforeAll(async () => {
  smtp = await startMailServer();
});
afterAll(async () => smtp.close());
afterEach(async () => {
  await app?.close();
  smtp.messages.length = 0;
});

async function start(overrides: Partial<Config> = {}): Promise<App> {
  app = await buildTestApp({ smtpUrl: smtp.url, authRateLimitPerMinute: 1000, ...overrides });
  return app;
}
async function withEmail(actor: Actor, email: string): Promise<Actor> {
  await app.db.updateTable('users').set({ email, email_verified_at: new Date().toISOString() }).where('id', '=', actor.id).execute();
  return actor;
}
const post = (url: string, payload: object, cookie?: Actor) => (cookie ? cookie.inject({ method: 'POST', url, payload }) : app.inject({ method: 'POST', url, payload }));
const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const signedIn = async (actor: Actor) => (await actor.inject({ url: '/api/me' })).json().user !== null;

describe('forgotten password', () => {
  it('emails a single-use link that sets a new password and ends every session', async () => {
    await start();
    const ann = await withEmail(await createActor(app), 'ann@example.org');
    const asked = await post('/api/auth/password-reset', { email: 'ANN@example.org' });
    expect(asked.statusCode).toBe(202);
    const [mail] = await mailTo(app, smtp, 'ann@example.org');
    const link = linkIn(mail!, app);
    expect(link.pathname).toBe('/reset-password');
    const token = link.searchParams.get('token')!;
    // Only a hash is stored.
    const stored = await app.db.selectFrom('account_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const reset = await post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(204);
    expect(await signedIn(ann)).toBe(false);
    expect((await login(ann.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(ann.username, NEW_PASSWORD)).statusCode).toBe(200);
    const again = await post('/api/auth/password-reset/confirm', { token, password: 'another fine password 9' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.field).toBe('token');
  });

  it('answers the same whether or not an account has the address, and sends nothing for an unknown one', async () => {
    await start();
    await withEmail(await createActor(app), 'ann@example.org');
    const known = await post('/api/auth/password-reset', { email: 'ann@example.org' });
    const unknown = await post('/api/auth/password-reset', { email: 'nobody@example.org' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await mailTo(app, smtp, 'nobody@example.org')).toHaveLength(0);
  });

  it('refuses a link older than an hour', async () => {
    await start();
    await withEmail(await createActor(app), 'ann@example.org');
    await post('/api/auth/password-reset', { email: 'ann@example.org' });
    const token = linkIn((await mailTo(app, smtp, 'ann@example.org'))[0]!, app).searchParams.get('token')!;
    await app.db.updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const response = await post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('token');
  });

  it('sends at most a few links an hour to one account, answering the same', async () => {
    await start();
    await withEmail(await createActor(app), 'ann@example.org');
    for (let i = 0; i < LINKS_PER_HOUR + 2; i++) expect((await post('/api/auth/password-reset', { email: 'ann@example.org' })).statusCode).toBe(202);
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(LINKS_PER_HOUR);
  });

  it('limits requests per address', async () => {
    await start({ authRateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/api/auth/password-reset', { email: `x${i}@example.org` })).statusCode);
    expect(statuses).toEqual([202, 202, 429]);
  });

  it.each([
    ['a malformed email', '/api/auth/password-reset', { email: 'nope' }, 'email'],
    ['a missing token', '/api/auth/password-reset/confirm', { password: NEW_PASSWORD }, 'token'],
    ['a link token nobody was sent', '/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: NEW_PASSWORD }, 'token'],
  ])('refuses %s with a field error', async (_case, url, payload, field) => {
    await start();
    const response = await post(url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
  });
});

describe('email verification and change', () => {
  it('sends a confirmation link on registration that marks the address confirmed', async () => {
    await start();
    const registered = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'bea', displayName: 'Bea', password: NEW_PASSWORD, email: 'bea@example.org' } });
    const cookie = sessionCookieFrom(registered);
    const account = () => app.inject({ url: '/api/account', headers: { cookie } });
    expect((await account()).json().account).toMatchObject({ email: 'bea@example.org', emailVerified: false });
    const link = linkIn((await mailTo(app, smtp, 'bea@example.org'))[0]!, app);
    expect(link.pathname).toBe('/verify-email');
    expect((await post('/api/auth/verify-email', { token: link.searchParams.get('token') })).statusCode).toBe(204);
    expect((await account()).json().account).toMatchObject({ email: 'bea@example.org', emailVerified: true });
  });

  it('changes the address only when the new address confirms, after the password is given', async () => {
    await start();
    const ann = await withEmail(await createActor(app), 'ann@example.org');
    const wrong = await post('/api/account/email', { email: 'new@example.org', currentPassword: 'not my password' }, ann);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('currentPassword');
    expect((await post('/api/account/email', { email: 'new@example.org', currentPassword: TEST_PASSWORD }, ann)).statusCode).toBe(202);
    expect((await ann.inject({ url: '/api/account' })).json().account.email).toBe('ann@example.org');
    const token = linkIn((await mailTo(app, smtp, 'new@example.org'))[0]!, app).searchParams.get('token');
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(204);
    expect((await ann.inject({ url: '/api/account' })).json().account).toMatchObject({ email: 'new@example.org', emailVerified: true });
  });

  it('resends a confirmation only for an unconfirmed address', async () => {
    await start();
    const ann = await withEmail(await createActor(app), 'ann@example.org');
    expect((await ann.inject({ method: 'POST', url: '/api/account/email/verify' })).statusCode).toBe(400);
    await app.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', ann.id).execute();
    expect((await ann.inject({ method: 'POST', url: '/api/account/email/verify' })).statusCode).toBe(202);
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(1);
  });
});

describe('password change and sessions', () => {
  it('changes the password with the current one and signs out the other sessions only', async () => {
    await start();
    const ann = await createActor(app);
    const otherBrowser = sessionCookieFrom(await login(ann.username, TEST_PASSWORD));
    const weak = await post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }, ann);
    expect(weak.json().error.field).toBe('newPassword');
    expect((await post('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, ann)).statusCode).toBe(204);
    expect(await signedIn(ann)).toBe(true);
    expect((await app.inject({ url: '/api/me', headers: { cookie: otherBrowser } })).json().user).toBeNull();
    expect((await login(ann.username, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('signs out everywhere, this browser included', async () => {
    await start();
    const ann = await createActor(app);
    const otherBrowser = sessionCookieFrom(await login(ann.username, TEST_PASSWORD));
    expect((await ann.inject({ method: 'POST', url: '/api/account/sign-out-everywhere' })).statusCode).toBe(204);
    expect(await signedIn(ann)).toBe(false);
    expect((await app.inject({ url: '/api/me', headers: { cookie: otherBrowser } })).json().user).toBeNull();
  });

  it('needs a session for the account routes', async () => {
    await start();
    expect((await app.inject({ url: '/api/account' })).statusCode).toBe(401);
    expect((await post('/api/account/sign-out-everywhere', {})).statusCode).toBe(401);
  });
});

describe('CSRF on the new routes', () => {
  it.each([
    ['POST', '/api/account/password'],
    ['POST', '/api/account/email'],
    ['POST', '/api/account/sign-out-everywhere'],
    ['POST', '/api/account/delete'],
    ['POST', '/api/notifications/read'],
    ['PUT', '/api/notifications/preferences'],
    ['PUT', '/api/follows/sections/c/s'],
  ] as const)('%s %s refuses the session cookie without its token, changing nothing', async (method, url) => {
    await start();
    const ann = await createActor(app);
    const response = await app.inject({ method, url, payload: {}, headers: { cookie: ann.cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
    expect(await signedIn(ann)).toBe(true);
  });
});
