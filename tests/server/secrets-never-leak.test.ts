import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { SESSION_COOKIE } from '../../server/features/auth/sessions';
import type { App } from '../../server/platform/fastify';
import { testConfig } from '../helpers/test-app';

// Distinctive strings, so a match can only be a leak and never a coincidence.
const PASSWORD = 'Quokka-Saffron-7731 lantern';
const WRONG_PASSWORD = 'Marmot-Indigo-4409 kettle';
const REJECTED_PASSWORD = 'Ocelot-31';
const MALFORMED_PASSWORD = 'Narwhal-Vermilion-5582';

const logLines: string[] = [];
const responses: LightMyRequestResponse[] = [];
let app: App;

async function send(options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await app.inject(options);
  responses.push(response);
  return response;
}

function withSession(response: LightMyRequestResponse, headers: Record<string, string> = {}) {
  const token = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, ...headers };
}

async function csrfHeaders(from: LightMyRequestResponse) {
  const { token } = (await send({ url: '/api/auth/csrf', headers: withSession(from) })).json();
  return withSession(from, { 'x-csrf-token': token });
}

/** Every session token any response handed out, with the response that created it. */
function issuedTokens(): Map<string, LightMyRequestResponse> {
  const tokens = new Map<string, LightMyRequestResponse>();
  for (const response of responses) {
    const token = response.cookies.find((c) => c.name === SESSION_COOKIE && c.value)?.value;
    if (token && !tokens.has(token)) tokens.set(token, response);
  }
  return tokens;
}

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await buildApp(testConfig({ authRateLimitPerMinute: 1000, logLevel: 'trace' }), { logStream: stream });

  const registered = await send({ method: 'POST', url: '/api/auth/register', payload: { username: 'alice', displayName: 'Alice', password: PASSWORD } });
  await send({ method: 'POST', url: '/api/auth/register', payload: { username: 'alice', displayName: 'Alice again', password: PASSWORD } });
  await send({ method: 'POST', url: '/api/auth/register', payload: { username: 'bob', displayName: 'Bob', password: REJECTED_PASSWORD } });
  await send({ url: '/api/me', headers: withSession(registered) });
  await send({ method: 'POST', url: '/api/auth/logout', headers: await csrfHeaders(registered) });
  await send({ url: '/api/me', headers: withSession(registered) });
  await send({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: WRONG_PASSWORD } });
  await send({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: WRONG_PASSWORD, remember: true } });
  await send({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: `{"username":"alice","password":${MALFORMED_PASSWORD}}`,
  });
  const signedIn = await send({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: PASSWORD } });
  await send({ method: 'POST', url: '/api/auth/logout', headers: withSession(signedIn) }); // no CSRF token: refused
  await send({ method: 'POST', url: '/api/auth/logout', headers: await csrfHeaders(signedIn) });
});

afterAll(async () => {
  await app?.close();
});

describe('passwords and session tokens never leak', () => {
  it('logged every request at trace level (so the checks below mean something)', () => {
    expect(responses.length).toBeGreaterThan(10);
    expect(logLines.filter((line) => line.includes('"incoming request"')).length).toBe(responses.length);
    expect(issuedTokens().size).toBe(2);
  });

  it('no log line contains a password or a raw session token', () => {
    const secrets = [PASSWORD, WRONG_PASSWORD, REJECTED_PASSWORD, MALFORMED_PASSWORD, ...issuedTokens().keys()];
    for (const line of logLines) {
      for (const secret of secrets) expect(line, 'a log line leaks a secret').not.toContain(secret);
    }
  });

  it('no response contains a password', () => {
    for (const response of responses) {
      const whole = JSON.stringify(response.headers) + response.body;
      for (const password of [PASSWORD, WRONG_PASSWORD, REJECTED_PASSWORD, MALFORMED_PASSWORD]) expect(whole).not.toContain(password);
    }
  });

  it('a session token appears only in the Set-Cookie of the response that created it', () => {
    for (const [token, creator] of issuedTokens()) {
      for (const response of responses) {
        const headers: Record<string, unknown> = { ...response.headers };
        if (response === creator) delete headers['set-cookie'];
        expect(JSON.stringify(headers) + response.body).not.toContain(token);
      }
    }
  });
});
