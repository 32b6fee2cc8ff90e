import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../server/config';
import { SESSION_COOKIE } from '../../server/features/auth/sessions';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';
import { createActor, sessionCookieFrom } from '../helpers/users';

const PASSWORD = 'plum orchard lantern 42';
const DAY = 24 * 60 * 60 * 1000;

let app: App;
async function start(overrides: Partial<Config> = {}): Promise<App> {
  app = await buildTestApp({ authRateLimitPerMinute: 1000, ...overrides });
  return app;
}

const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/register', payload: { displayName: 'Alice Example', password: PASSWORD, ...body }, headers });
const login = (username: string, password = PASSWORD) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (cookie: string) => app.inject({ url: '/api/me', headers: { cookie } });
const sessionCookieOf = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === SESSION_COOKIE);
const lastSeenAgo = (ms: number) => app.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - ms).toISOString() }).execute();

describe('registering', () => {
  it('creates a citizen, signs them in and returns the public shape only', async () => {
    await start();
    const response = await register({ username: 'alice', email: 'alice@example.org' });
    expect(response.statusCode).toBe(201);
    const { user } = response.json();
    expect(user).toEqual({
      id: expect.any(Number),
      username: 'alice',
      displayName: 'Alice Example',
      role: 'citizen',
      blocked: false,
      can: { participate: true, moderate: false, manageAccounts: false, manageConsultations: false, createConsultations: false, analyseResponses: false, editSections: false, answerOfficially: false },
    });
    expect((await me(sessionCookieFrom(response))).json().user.username).toBe('alice');
  });

  it.each([
    ['the username is taken, whatever its case', { username: 'ALICE' }, 'username', 'username_taken'],
    ['the password is too short', { username: 'bob', password: 'short pw' }, 'password', 'weak_password'],
    ['the password is a common one', { username: 'bob', password: 'password123' }, 'password', 'weak_password'],
    ['the password contains the username', { username: 'marigold', password: 'Marigold-rocks-77' }, 'password', 'weak_password'],
    ['the username has characters that are not allowed', { username: 'bad name!' }, 'username', 'invalid_input'],
    ['the username is too short', { username: 'ab' }, 'username', 'invalid_input'],
    ['the display name is blank', { username: 'bob', displayName: '   ' }, 'displayName', 'invalid_input'],
    ['the email address is malformed', { username: 'bob', email: 'not-an-email' }, 'email', 'invalid_input'],
  ])('refuses with a field error when %s', async (_case, body, field, code) => {
    await start();
    expect((await register({ username: 'alice' })).statusCode).toBe(201);
    const response = await register(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field, code, message: expect.stringMatching(/^[A-Z].+\.$/) });
  });

  it('lists every problem at once, in the order of the form', async () => {
    await start();
    const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: '', displayName: '', password: '' } });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.details.errors.map((e: { field: string }) => e.field)).toEqual(['username', 'displayName', 'password']);
    expect(error.details.errors[0].message).toBe('Enter a username.');
    expect(error.field).toBe('username');
  });
});

describe('what the signed-in person may do', () => {
  // The client shows controls from these, never from the role: each comes from the feature's policy.
  it.each([
    ['citizen', {}, { participate: true, moderate: false, manageAccounts: false, manageConsultations: false, createConsultations: false, analyseResponses: false, editSections: false, answerOfficially: false }],
    ['editor', {}, { participate: true, moderate: false, manageAccounts: false, manageConsultations: true, createConsultations: false, analyseResponses: true, editSections: true, answerOfficially: true }],
    ['moderator', {}, { participate: true, moderate: true, manageAccounts: false, manageConsultations: false, createConsultations: false, analyseResponses: true, editSections: false, answerOfficially: true }],
    ['admin', {}, { participate: true, moderate: true, manageAccounts: true, manageConsultations: true, createConsultations: true, analyseResponses: true, editSections: true, answerOfficially: true }],
    ['moderator', { blocked: true }, { participate: false, moderate: false, manageAccounts: false, manageConsultations: false, createConsultations: false, analyseResponses: false, editSections: false, answerOfficially: false }],
  ] as const)('a %s %o', async (role, options, can) => {
    await start();
    const actor = await createActor(app, role, options);
    expect((await me(actor.cookie)).json().user.can).toEqual(can);
  });
});

describe('signing in and out', () => {
  it('signs in with the right password, whatever the case of the username', async () => {
    await start();
    await register({ username: 'Alice' });
    const response = await login('alice');
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: 'Alice', role: 'citizen' });
    expect((await me(sessionCookieFrom(response))).statusCode).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    await start();
    await register({ username: 'alice' });
    const wrong = await login('alice', 'not the password at all');
    const unknown = await login('nobody', PASSWORD);
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(sessionCookieOf(wrong)).toBeUndefined();
  });

  it('names each empty field', async () => {
    await start();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors).toEqual([
      { field: 'username', code: 'invalid_input', message: 'Enter your username.' },
      { field: 'password', code: 'invalid_input', message: 'Enter your password.' },
    ]);
  });

  it('answers /api/me with user null (200, not an error) when nobody is signed in', async () => {
    await start();
    const response = await app.inject('/api/me');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null });
  });

  it('revokes the session on sign-out: the old cookie no longer works', async () => {
    await start();
    const cookie = sessionCookieFrom(await register({ username: 'alice' }));
    const { token } = (await app.inject({ url: '/api/auth/csrf', headers: { cookie } })).json();
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': token } });
    expect(response.statusCode).toBe(204);
    expect(sessionCookieOf(response)).toMatchObject({ value: '', maxAge: 0 });
    expect((await me(cookie)).json().user).toBeNull();
    expect(await app.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('replaces the browser’s old session when someone signs in again', async () => {
    await start();
    const oldCookie = sessionCookieFrom(await register({ username: 'alice' }));
    const { token } = (await app.inject({ url: '/api/auth/csrf', headers: { cookie: oldCookie } })).json();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: PASSWORD }, headers: { cookie: oldCookie, 'x-csrf-token': token } });
    expect(response.statusCode).toBe(200);
    expect((await me(oldCookie)).json().user).toBeNull();
    expect((await me(sessionCookieFrom(response))).statusCode).toBe(200);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and not Secure over plain HTTP by default', async () => {
    await start();
    const cookie = sessionCookieOf(await register({ username: 'alice' }));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 30 * 24 * 60 * 60 });
    expect(cookie?.secure).toBeUndefined();
  });

  it('is Secure when COOKIE_SECURE is always', async () => {
    await start({ cookieSecure: 'always' });
    expect(sessionCookieOf(await register({ username: 'alice' }))?.secure).toBe(true);
  });

  it('is Secure behind a trusted proxy that says the request came over HTTPS', async () => {
    await start({ trustProxy: true });
    expect(sessionCookieOf(await register({ username: 'alice' }, { 'x-forwarded-proto': 'https' }))?.secure).toBe(true);
  });

  it('ignores X-Forwarded-Proto when the proxy is not trusted', async () => {
    await start({ trustProxy: false });
    expect(sessionCookieOf(await register({ username: 'alice' }, { 'x-forwarded-proto': 'https' }))?.secure).toBeUndefined();
  });

  it('stores only a hash of the token', async () => {
    await start();
    const cookie = sessionCookieOf(await register({ username: 'alice' }))!;
    const rows = await app.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
  });
});

describe('idle sessions', () => {
  it('expire after SESSION_IDLE_DAYS without use, and the stale cookie is cleared', async () => {
    await start({ sessionIdleDays: 30 });
    const cookie = sessionCookieFrom(await register({ username: 'alice' }));
    await lastSeenAgo(31 * DAY);
    const response = await me(cookie);
    expect(response.json().user).toBeNull();
    expect(sessionCookieOf(response)).toMatchObject({ value: '', maxAge: 0 });
    expect(await app.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('stay alive while used: the idle clock and the cookie’s lifetime are renewed', async () => {
    await start({ sessionIdleDays: 30 });
    const cookie = sessionCookieFrom(await register({ username: 'alice' }));
    await lastSeenAgo(29 * DAY);
    const response = await me(cookie);
    expect(response.statusCode).toBe(200);
    expect(sessionCookieOf(response)?.maxAge).toBe(30 * 24 * 60 * 60);
    const { last_seen_at } = await app.db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(last_seen_at)).toBeLessThan(60_000);
  });

  it('are not renewed on every request (reads stay reads)', async () => {
    await start();
    const cookie = sessionCookieFrom(await register({ username: 'alice' }));
    expect(sessionCookieOf(await me(cookie))).toBeUndefined();
  });
});
