import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type App, isSafeMethod } from '../../platform/fastify';
import { HttpError } from '../../platform/errors';
import { DEVICE_COOKIE } from './known-devices';
import { csrfTokenMatches, openSession, SESSION_COOKIE } from './sessions';

/**
 * Resolves `request.user` from the session cookie on every request, and refuses any
 * state-changing request that carries the cookie without the matching `x-csrf-token` header.
 */
export async function registerSessions(app: App): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.sessionToken = token;
    if (!isSafeMethod(request.method) && !csrfTokenMatches(token, header(request, 'x-csrf-token'))) {
      throw new HttpError(403, 'csrf', 'This request is missing its security token. Reload the page and try again.');
    }
    const session = await openSession(app.db, token, app.config.sessionIdleDays);
    if (!session) {
      // Revoked or expired: stop the browser sending a token that can never work again.
      clearSessionCookie(app, request, reply);
      return;
    }
    request.user = session.user;
    // The cookie lives as long as the idle limit, so an active session must renew it.
    if (session.renewed) setSessionCookie(app, request, reply, token);
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieOptions(app: App, request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.cookieSecure === 'always' || (app.config.cookieSecure === 'auto' && request.protocol === 'https'),
  };
}

export function setSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(app, request), maxAge: app.config.sessionIdleDays * 24 * 60 * 60 });
}

/** The browser's device token (see known-devices.ts): kept a year, renewed by each sign-in. */
export function setDeviceCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, { ...cookieOptions(app, request), maxAge: 365 * 24 * 60 * 60 });
}

export function clearSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app, request));
}
