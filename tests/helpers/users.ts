import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../server/contracts/auth';
import { now } from '../../server/db/time';
import { hashPassword } from '../../server/features/auth/passwords';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../../server/features/auth/sessions';
import { insertUser } from '../../server/features/auth/users.repository';
import type { App } from '../../server/platform/fastify';

export const TEST_PASSWORD = 'correct horse battery staple';
// Argon2 takes ~100 ms by design; hash the shared test password once per test file.
let passwordHash: Promise<string> | undefined;

let counter = 0;

/** A signed-in person: `inject` sends their session cookie and CSRF token with every request. */
export interface Actor {
  id: number;
  username: string;
  role: Role;
  cookie: string;
  csrf: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Inserts an account (password TEST_PASSWORD) and opens a session for it. */
export async function createActor(app: App, role: Role = 'citizen', options: { username?: string; blocked?: boolean } = {}): Promise<Actor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  const username = options.username ?? `${role}${counter}`;
  const id = await insertUser(app.db, {
    username,
    display_name: `${role[0]!.toUpperCase()}${role.slice(1)} ${counter}`,
    email: null,
    password_hash: await passwordHash,
    role,
    blocked_at: options.blocked ? now() : null,
    created_at: now(),
  });
  const token = await createSession(app.db, id);
  const cookie = `${SESSION_COOKIE}=${token}`;
  const csrf = csrfTokenFor(token);
  return {
    id,
    username,
    role,
    cookie,
    csrf,
    inject: (request) => app.inject({ ...request, headers: { ...request.headers, cookie, 'x-csrf-token': csrf } }),
  };
}

/** The session cookie a response set, ready to send back. */
export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie was set');
  return `${cookie.name}=${cookie.value}`;
}
