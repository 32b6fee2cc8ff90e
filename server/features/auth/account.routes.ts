import { Type } from 'typebox';
import {
  AccountResponse,
  ChangeEmailBody,
  ChangePasswordBody,
  EmailTokenBody,
  MessageResponse,
  PasswordResetBody,
  PasswordResetRequestBody,
} from '../../contracts/account';
import { ErrorBody, LIMITED_ERROR_RESPONSES } from '../../contracts/errors';
import { enforce } from '../../platform/decisions';
import type { App } from '../../platform/fastify';
import { type FieldMessages, rejectInvalidForm } from '../../platform/form-errors';
import { clearSessionCookie } from './auth.plugin';
import { changeEmail, changePassword, getAccount, requestPasswordReset, resendVerification, resetPassword, signOutEverywhere, verifyEmail } from './account.service';
import { mayManageOwnAccount } from './users.policy';

const EMAIL: FieldMessages = { missing: 'Enter your email address.', invalid: 'Enter an email address in the correct format, like name@example.com.' };
const LINK: FieldMessages = { missing: 'This link is incomplete. Copy the whole link from the email.', invalid: 'This link is incomplete. Copy the whole link from the email.' };
const CURRENT: FieldMessages = { missing: 'Enter your current password.', invalid: 'Your current password is not right.' };
const NEW_PASSWORD: FieldMessages = { missing: 'Enter a new password.', invalid: 'Password must be 1,024 characters or fewer.' };

const RESET_SENT = 'If an account has that email address, we have sent it a link to reset the password. The link works for one hour.';
const errors = LIMITED_ERROR_RESPONSES;
const noContent = { 204: Type.Null(), ...errors };

/** Account recovery (no sign-in) and the signed-in person's control of their own account. */
export async function accountRoutes(app: App): Promise<void> {
  const perIp = { max: app.config.authRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/api/auth/password-reset',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: PasswordResetRequestBody, response: { 202: MessageResponse, ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, PasswordResetRequestBody, { email: EMAIL });
      await requestPasswordReset(app.db, app.config.siteOrigin, request.body.email);
      return reply.status(202).send({ message: RESET_SENT });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: PasswordResetBody, response: noContent } },
    async (request, reply) => {
      rejectInvalidForm(request, PasswordResetBody, { token: LINK, password: NEW_PASSWORD });
      await resetPassword(app.db, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/verify-email',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: EmailTokenBody, response: noContent } },
    async (request, reply) => {
      rejectInvalidForm(request, EmailTokenBody, { token: LINK });
      await verifyEmail(app.db, request.body.token);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/account', { schema: { tags: ['account'], response: { 200: AccountResponse, 401: ErrorBody } } }, async (request) => {
    enforce(mayManageOwnAccount(request.user));
    return { account: await getAccount(app.db, request.user!) };
  });

  app.post(
    '/api/account/password',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: ChangePasswordBody, response: noContent } },
    async (request, reply) => {
      enforce(mayManageOwnAccount(request.user));
      rejectInvalidForm(request, ChangePasswordBody, { currentPassword: CURRENT, newPassword: NEW_PASSWORD });
      await changePassword(app.db, request.user!, request.sessionToken!, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/account/email',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: ChangeEmailBody, response: { 202: MessageResponse, ...errors } } },
    async (request, reply) => {
      enforce(mayManageOwnAccount(request.user));
      rejectInvalidForm(request, ChangeEmailBody, { email: EMAIL, currentPassword: CURRENT });
      await changeEmail(app.db, app.config.siteOrigin, request.user!, request.body);
      return reply.status(202).send({ message: `We have sent a link to ${request.body.email}. Your address changes when you open it.` });
    },
  );

  app.post('/api/account/email/verify', { schema: { tags: ['account'], response: { 202: MessageResponse, ...errors } } }, async (request, reply) => {
    enforce(mayManageOwnAccount(request.user));
    await resendVerification(app.db, app.config.siteOrigin, request.user!);
    return reply.status(202).send({ message: 'We have sent you a link to confirm your email address.' });
  });

  app.post('/api/account/sign-out-everywhere', { schema: { tags: ['account'], response: noContent } }, async (request, reply) => {
    enforce(mayManageOwnAccount(request.user));
    await signOutEverywhere(app.db, request.user!);
    clearSessionCookie(app, request, reply);
    return reply.status(204).send(null);
  });
}
