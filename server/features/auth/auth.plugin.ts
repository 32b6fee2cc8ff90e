import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/fastify';
import { HttpError } from '../../platform/errors';
import { csrfTokenMatches, resolveSession, SESSION_COOKIE } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves `request.user` from the session cookie on every request, and refuses any
 * state-changing request that carries the cookie without the matching `x-csrf-token` header.
 */
export async function registerSessions(app: App): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.sessionToken = token;
    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(token, header(request, 'x-csrf-token'))) {
      throw new HttpError(403, 'csrf', 'This request is missing its security token. Reload the page and try again.');
    }
    request.user = await resolveSession(app.db, token, app.config.sessionIdleDays);
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function setSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure === 'always' || (app.config.cookieSecure === 'auto' && request.protocol === 'https'),
    maxAge: app.config.sessionIdleDays * 24 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
