import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CsrfResponse, LoginBody, RegisterBody, UserResponse } from '../../contracts/auth';
import { ErrorBody } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { HttpError, unauthorized } from '../../platform/errors';
import { clearSessionCookie, setSessionCookie } from './auth.plugin';
import { login, register, signOut } from './auth.service';
import { presentUser } from './current-user';
import { type FieldMessages, rejectInvalidForm } from '../../platform/form-errors';
import { csrfTokenFor } from './sessions';
import { USERNAME_RULE } from './users.service';

const REGISTER_MESSAGES: Record<keyof RegisterBody, FieldMessages> = {
  username: { missing: 'Enter a username.', invalid: USERNAME_RULE },
  displayName: { missing: 'Enter the name to show with your comments.', invalid: 'Name must be 80 characters or fewer.' },
  email: { missing: 'Enter an email address.', invalid: 'Enter an email address in the correct format, like name@example.com.' },
  password: { missing: 'Enter a password.', invalid: 'Password must be 1,024 characters or fewer.' },
};

const NOT_RIGHT = 'The username or password is not right.';
const LOGIN_MESSAGES: Record<keyof LoginBody, FieldMessages> = {
  username: { missing: 'Enter your username.', invalid: NOT_RIGHT },
  password: { missing: 'Enter your password.', invalid: NOT_RIGHT },
};

const formErrors = { 400: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export async function authRoutes(app: App): Promise<void> {
  const perIp = { max: app.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  // A second limit keyed by the username, so one account cannot be guessed at from many addresses.
  const perUsername = app.createRateLimit({
    ...perIp,
    keyGenerator: (request) => `username:${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  });
  const checkUsernameLimit = async (request: FastifyRequest) => {
    const limit = await perUsername(request);
    if (!limit.isAllowed && limit.isExceeded) {
      const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
      throw new HttpError(429, 'rate_limited', `Too many attempts for this username. Try again in ${seconds} seconds.`, undefined, { retryAfter: seconds });
    }
  };
  // Signing in or registering replaces the session this browser had (no session fixation).
  const endExistingSession = async (request: FastifyRequest) => {
    if (request.sessionToken) await signOut(app.db, request.sessionToken, request.user?.id);
  };

  app.post(
    '/api/auth/register',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['auth'], body: RegisterBody, response: { 201: UserResponse, ...formErrors } } },
    async (request, reply) => {
      rejectInvalidForm(request, RegisterBody, REGISTER_MESSAGES);
      await checkUsernameLimit(request);
      const { user, token } = await register(app.db, request.body);
      await endExistingSession(request);
      setSessionCookie(app, request, reply, token);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );

  app.post(
    '/api/auth/login',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['auth'], body: LoginBody, response: { 200: UserResponse, 401: ErrorBody, ...formErrors } } },
    async (request, reply) => {
      rejectInvalidForm(request, LoginBody, LOGIN_MESSAGES);
      await checkUsernameLimit(request);
      const { user, token } = await login(app.db, request.body);
      await endExistingSession(request);
      setSessionCookie(app, request, reply, token);
      return { user: presentUser(user) };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: Type.Null(), 403: ErrorBody } } }, async (request, reply) => {
    await endExistingSession(request);
    clearSessionCookie(app, request, reply);
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
