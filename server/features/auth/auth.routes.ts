import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CsrfResponse, LoginBody, RegisterBody, SessionResponse, SignedInResponse } from '../../contracts/auth';
import { presentSession } from '../../commands/present-session';
import { ErrorBody } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { clientAddress } from '../../platform/client-address';
import { HttpError } from '../../platform/errors';
import { clearSessionCookie, setDeviceCookie, setSessionCookie } from './auth.plugin';
import { login, register, signOut } from './auth.service';
import { type FieldMessages, rejectInvalidForm } from '../../platform/form-errors';
import { DEVICE_COOKIE, isKnownDevice, rememberDevice } from './known-devices';
import { csrfTokenFor } from './sessions';
import { type Refusal, SignInThrottle } from './sign-in-throttle';
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

/** The longest an account's failed sign-ins lock it (for browsers it has not signed in from). */
const MAX_LOCK_SECONDS = 15 * 60;

function tooManyFailures(refusal: Refusal): HttpError {
  const from = refusal.scope === 'username' ? 'for this username' : 'from this address';
  return new HttpError(429, 'rate_limited', `Too many failed sign-in attempts ${from}. Try again in ${refusal.seconds} seconds.`, undefined, {
    retryAfter: refusal.seconds,
  });
}

export async function authRoutes(app: App): Promise<void> {
  // Registrations count per address; sign-ins count only their failures (see SignInThrottle).
  const perIp = { max: app.config.authRateLimitPerMinute, timeWindow: '1 minute' };
  const throttle = new SignInThrottle({ failuresPerAddress: app.config.authRateLimitPerMinute, freeFailures: app.config.authRateLimitPerMinute, maxLockSeconds: MAX_LOCK_SECONDS });
  // This browser is now known to the account: its lock no longer applies here.
  const rememberBrowser = async (request: FastifyRequest, reply: FastifyReply, userId: number) => {
    setDeviceCookie(app, request, reply, await rememberDevice(app.db, request.cookies[DEVICE_COOKIE], userId));
  };
  // Signing in or registering replaces the session this browser had (no session fixation).
  const endExistingSession = async (request: FastifyRequest) => {
    if (request.sessionToken) await signOut(app.db, request.sessionToken, request.user?.id);
  };

  app.post(
    '/api/auth/register',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['auth'], body: RegisterBody, response: { 201: SignedInResponse, ...formErrors } } },
    async (request, reply) => {
      rejectInvalidForm(request, RegisterBody, REGISTER_MESSAGES);
      const { user, token } = await register(app.db, request.body, app.config.siteOrigin);
      await endExistingSession(request);
      setSessionCookie(app, request, reply, token);
      await rememberBrowser(request, reply, user.id);
      return reply.status(201).send({ user: presentSession(user) });
    },
  );

  app.post(
    '/api/auth/login',
    { attachValidation: true, schema: { tags: ['auth'], body: LoginBody, response: { 200: SignedInResponse, 401: ErrorBody, ...formErrors } } },
    async (request, reply) => {
      rejectInvalidForm(request, LoginBody, LOGIN_MESSAGES);
      const { username } = request.body;
      const address = clientAddress(request);
      const knownDevice = await isKnownDevice(app.db, request.cookies[DEVICE_COOKIE], username);
      const refusal = throttle.refusal(username, address, knownDevice);
      if (refusal) throw tooManyFailures(refusal);
      const { user, token } = await login(app.db, request.body).catch((error: unknown) => {
        if (error instanceof HttpError && error.code === 'bad_credentials') throttle.recordFailure(username, address);
        throw error;
      });
      throttle.recordSuccess(username);
      await endExistingSession(request);
      setSessionCookie(app, request, reply, token);
      await rememberBrowser(request, reply, user.id);
      return { user: presentSession(user) };
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

  // Signed out is a normal state, so it is a 200 with `user: null`: every signed-out page asks.
  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: SessionResponse } } }, async (request) => ({
    user: request.user ? presentSession(request.user) : null,
  }));
}
