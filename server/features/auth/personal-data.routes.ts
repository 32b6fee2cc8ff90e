import { Type } from 'typebox';
import { ERROR_RESPONSES, LIMITED_ERROR_RESPONSES } from '../../contracts/errors';
import { ActivityResponse, DeleteAccountBody, RetentionSettings } from '../../contracts/personal-data';
import { deleteMyAccount, exportMyData, myActivity } from '../../commands/personal-data';
import { enforce } from '../../platform/decisions';
import type { App } from '../../platform/fastify';
import { rejectInvalidForm } from '../../platform/form-errors';
import { clearSessionCookie } from './auth.plugin';
import { mayManageOwnAccount } from './users.policy';

/** My activity, my data as a download, deleting my account, and how long the site keeps things (the privacy page). */
export async function personalDataRoutes(app: App): Promise<void> {
  const perIp = { max: app.config.authRateLimitPerMinute, timeWindow: '1 minute' };

  app.get('/api/privacy', { schema: { tags: ['account'], response: { 200: RetentionSettings } } }, async () => ({
    sessionIdleDays: app.config.sessionIdleDays,
    eventRetentionDays: app.config.eventRetentionDays,
  }));

  app.get('/api/account/activity', { schema: { tags: ['account'], response: { 200: ActivityResponse, ...ERROR_RESPONSES } } }, async (request) => {
    enforce(mayManageOwnAccount(request.user));
    return { activity: await myActivity(app.db, request.user!) };
  });

  app.get('/api/account/data', { schema: { tags: ['account'], response: { 200: Type.Unknown({ description: 'everything held about me, as a JSON file' }), ...ERROR_RESPONSES } } }, async (request, reply) => {
    enforce(mayManageOwnAccount(request.user));
    const data = await exportMyData(app.db, request.user!);
    return reply
      .header('content-disposition', `attachment; filename="agora-my-data-${request.user!.username}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post(
    '/api/account/delete',
    { attachValidation: true, config: { rateLimit: perIp }, schema: { tags: ['account'], body: DeleteAccountBody, response: { 204: Type.Null(), ...LIMITED_ERROR_RESPONSES } } },
    async (request, reply) => {
      enforce(mayManageOwnAccount(request.user));
      rejectInvalidForm(request, DeleteAccountBody, {
        currentPassword: { missing: 'Enter your password to confirm.', invalid: 'Your password is not right.' },
        removeComments: { missing: 'Choose what happens to your comments.', invalid: 'Choose what happens to your comments.' },
      });
      await deleteMyAccount(app.db, request.user!, request.body);
      clearSessionCookie(app, request, reply);
      return reply.status(204).send(null);
    },
  );
}
