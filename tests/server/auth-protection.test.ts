import { describe, expect, it } from 'vitest';
import type { Config } from '../../server/config';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';
import { createActor, TEST_PASSWORD } from '../helpers/users';

let app: App;
async function start(overrides: Partial<Config> = {}): Promise<App> {
  app = await buildTestApp(overrides);
  return app;
}

const signIn = (username: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong password, guessed' }, remoteAddress });

describe('CSRF protection', () => {
  it('refuses a state-changing request that carries the session cookie but no token', async () => {
    await start();
    const citizen = await createActor(app);
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: citizen.cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
    // Nothing happened: the session is still alive.
    expect((await app.inject({ url: '/api/me', headers: { cookie: citizen.cookie } })).statusCode).toBe(200);
  });

  it('refuses a wrong token, including the token of another session', async () => {
    await start();
    const admin = await createActor(app, 'admin');
    const other = await createActor(app);
    for (const token of ['not-a-token', other.csrf]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/users/${other.id}/role`,
        payload: { role: 'admin' },
        headers: { cookie: admin.cookie, 'x-csrf-token': token },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf');
    }
    const role = await app.db.selectFrom('users').select('role').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(role.role).toBe('citizen');
  });

  it('hands the page its token, and accepts the request with it', async () => {
    await start();
    const citizen = await createActor(app);
    const { token } = (await app.inject({ url: '/api/auth/csrf', headers: { cookie: citizen.cookie } })).json();
    expect(token).toBe(citizen.csrf);
    expect((await app.inject({ url: '/api/auth/csrf' })).json()).toEqual({ token: null });
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: citizen.cookie, 'x-csrf-token': token } });
    expect(response.statusCode).toBe(204);
  });
});

describe('rate limits', () => {
  it('answers the 6th sign-in attempt within a minute from one address with 429 and Retry-After', async () => {
    await start({ authRateLimitPerMinute: 5 });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(`someone${attempt}`)).statusCode).toBe(401);
    const response = await signIn('someone6');
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Try again in \d+ seconds/) });
  });

  it('locks one username after failures from many addresses, except for browsers that signed in to it before', async () => {
    await start({ authRateLimitPerMinute: 5 });
    await createActor(app, 'citizen', { username: 'alice' });
    const rightPassword = (remoteAddress: string, cookie?: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: TEST_PASSWORD }, remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });
    const earlier = await rightPassword('10.0.0.100');
    expect(earlier.statusCode).toBe(200);
    const device = earlier.cookies.find((c) => c.name === 'agora_device')!;
    for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(attempt % 2 ? 'alice' : 'ALICE', `10.0.0.${attempt}`)).statusCode).toBe(401);
    const response = await signIn('alice', '10.0.0.6');
    expect(response.statusCode).toBe(429);
    expect(response.json().error.message).toContain('this username');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    // A browser the account never signed in from waits, right password or not ...
    expect((await rightPassword('10.0.0.7')).statusCode).toBe(429);
    // ... but the owner's own browser, from any address, is let in: strangers cannot lock them out.
    expect((await rightPassword('10.0.0.8', `${device.name}=${device.value}`)).statusCode).toBe(200);
  });

  it('never counts successful sign-ins', async () => {
    await start({ authRateLimitPerMinute: 5 });
    await createActor(app, 'citizen', { username: 'alice' });
    const statuses = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: TEST_PASSWORD } })).statusCode);
    }
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('counts IPv6 addresses per /64, so one host cannot rotate through its own addresses', async () => {
    await start({ authRateLimitPerMinute: 5 });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await signIn(`someone${attempt}`, `2001:db8:1:2::${attempt}`)).statusCode).toBe(401);
    expect((await signIn('someone6', '2001:db8:1:2::ff')).statusCode).toBe(429);
    expect((await signIn('someone7', '2001:db8:1:3::1')).statusCode).toBe(401);
  });

  it('limits registrations per address too', async () => {
    await start({ authRateLimitPerMinute: 2 });
    const registerAs = (username: string) =>
      app.inject({ method: 'POST', url: '/api/auth/register', payload: { username, displayName: username, password: 'plum orchard lantern 42' } });
    expect((await registerAs('first')).statusCode).toBe(201);
    expect((await registerAs('second')).statusCode).toBe(201);
    expect((await registerAs('third')).statusCode).toBe(429);
  });

  it('puts a ceiling on every other request per address', async () => {
    await start({ rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject('/api/consultations')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('request bodies', () => {
  it('answers a body over the limit with 413 and the usual JSON error', async () => {
    await start();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'x'.repeat(300 * 1024) } });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 without echoing the body', async () => {
    await start();
    const secret = 'tangerine-owl-secret';
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":"alice","password":${secret}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain(secret);
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy that allows no inline script', async () => {
    await start();
    const csp = String((await app.inject('/api/consultations')).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
