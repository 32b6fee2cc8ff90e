import { Type } from 'typebox';
import { ERROR_RESPONSES, ErrorBody } from '../../contracts/errors';
import {
  FollowingResponse,
  FollowsResponse,
  MarkReadBody,
  NotificationList,
  NotificationsQuery,
  PreferencesBody,
  PreferencesResponse,
  UnreadResponse,
  UnsubscribeQuery,
  UnsubscribeResponse,
} from '../../contracts/notifications';
import { enforce } from '../../platform/decisions';
import type { App } from '../../platform/fastify';
import { mayManageOwnAccount } from '../auth/users.policy';
import { following, listFollows, sectionTarget, setFollowing, threadTarget } from './follows.service';
import { getNotifications, getPreferences, readNotifications, savePreferences, unsubscribe } from './notifications.service';
import type { UnsubscribeLinks } from './unsubscribe-links';

const errors = ERROR_RESPONSES;
const SectionParams = Type.Object({ c: Type.String({ maxLength: 100 }), s: Type.String({ maxLength: 100 }) });
const CommentParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** The bell, the settings, one-click unsubscribe (no sign-in) and following sections and threads. */
export function notificationsRoutes(links: UnsubscribeLinks) {
  return async (app: App): Promise<void> => {
    // RFC 8058: mail programs POST `List-Unsubscribe=One-Click` as a form.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.get('/api/notifications', { schema: { tags: ['notifications'], querystring: NotificationsQuery, response: { 200: NotificationList, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return getNotifications(app.db, request.user!, request.query.before);
    });

    app.post('/api/notifications/read', { schema: { tags: ['notifications'], body: MarkReadBody, response: { 200: UnreadResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return readNotifications(app.db, request.user!, request.body.ids);
    });

    app.get('/api/notifications/preferences', { schema: { tags: ['notifications'], response: { 200: PreferencesResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return { preferences: await getPreferences(app.db, request.user!) };
    });

    app.put('/api/notifications/preferences', { schema: { tags: ['notifications'], body: PreferencesBody, response: { 200: PreferencesResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return { preferences: await savePreferences(app.db, request.user!, request.body) };
    });

    app.post(
      '/api/notifications/unsubscribe',
      { schema: { tags: ['notifications'], querystring: UnsubscribeQuery, response: { 200: UnsubscribeResponse, 400: ErrorBody } } },
      async (request) => unsubscribe(app.db, links, request.query.token),
    );

    app.get('/api/follows', { schema: { tags: ['notifications'], response: { 200: FollowsResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return { follows: await listFollows(app.db, request.user!) };
    });

    app.get('/api/follows/sections/:c/:s', { schema: { tags: ['notifications'], params: SectionParams, response: { 200: FollowingResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return { following: await following(app.db, request.user!, await sectionTarget(app.db, request.params.c, request.params.s)) };
    });
    for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
      app.route({
        method,
        url: '/api/follows/sections/:c/:s',
        schema: { tags: ['notifications'], params: SectionParams, response: { 200: FollowingResponse, ...errors } },
        handler: async (request) => {
          await setFollowing(app.db, request.user, await sectionTarget(app.db, request.params.c, request.params.s), on);
          return { following: on };
        },
      });
      app.route({
        method,
        url: '/api/follows/comments/:id',
        schema: { tags: ['notifications'], params: CommentParams, response: { 200: FollowingResponse, ...errors } },
        handler: async (request) => {
          await setFollowing(app.db, request.user, await threadTarget(app.db, request.user, request.params.id), on);
          return { following: on };
        },
      });
    }
    app.get('/api/follows/comments/:id', { schema: { tags: ['notifications'], params: CommentParams, response: { 200: FollowingResponse, ...errors } } }, async (request) => {
      enforce(mayManageOwnAccount(request.user));
      return { following: await following(app.db, request.user!, await threadTarget(app.db, request.user, request.params.id)) };
    });
  };
}
