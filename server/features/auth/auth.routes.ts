import { Type } from 'typebox';
import { CsrfResponse, LoginBody, RegisterBody, UserResponse } from '../../contracts/auth';
import { ErrorBody } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { HttpError, unauthorized } from '../../platform/errors';
import { clearSessionCookie, setSessionCookie } from './auth.plugin';
import { login, register } from './auth.service';
import { presentUser } from './current-user';
import { csrfTokenFor, endSession } from './sessions';

export async function authRoutes(app: App): Promise<void> {
  const perIp = { max: app.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  // A second limit keyed by the username, so one account cannot be guessed at from many addresses.
  const perUsername = app.createRateLimit({
    ...perIp,
    keyGenerator: (request) => `username:${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  });
  const checkUsernameLimit = async (request: Parameters<typeof perUsername>[0]) => {
    const limit = await perUsername(request);
    if (!limit.isAllowed && limit.isExceeded) {
      const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
      throw new HttpError(429, 'rate_limited', `Too many attempts for this username. Try again in ${seconds} seconds.`, undefined, { retryAfter: seconds });
    }
  };

  app.post(
    '/api/auth/register',
    { config: { rateLimit: perIp }, schema: { tags: ['auth'], body: RegisterBody, response: { 201: UserResponse, 400: ErrorBody, 409: ErrorBody, 429: ErrorBody } } },
    async (request, reply) => {
      await checkUsernameLimit(request);
      const { user, token } = await register(app.db, request.body);
      setSessionCookie(app, request, reply, token);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );

  app.post(
    '/api/auth/login',
    { config: { rateLimit: perIp }, schema: { tags: ['auth'], body: LoginBody, response: { 200: UserResponse, 401: ErrorBody, 429: ErrorBody } } },
    async (request, reply) => {
      await checkUsernameLimit(request);
      const { user, token } = await login(app.db, request.body);
      if (request.sessionToken) await endSession(app.db, request.sessionToken);
      setSessionCookie(app, request, reply, token);
      return { user: presentUser(user) };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: Type.Null() } } }, async (request, reply) => {
    if (request.sessionToken) await endSession(app.db, request.sessionToken);
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  app.get('/api/auth/csrf', { schema: { tags: ['auth'], response: { 200: CsrfResponse } } }, async (request) => ({
    token: request.sessionToken ? csrfTokenFor(request.sessionToken) : null,
  }));

  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: UserResponse, 401: ErrorBody } } }, async (request) => {
    if (!request.user) throw unauthorized('You are not signed in.');
    return { user: presentUser(request.user) };
  });
}
