import { type App, isSafeMethod } from '../../platform/fastify';
import { NotificationProducer } from './notification-producer';
import { notificationsRoutes } from './notifications.routes';
import { UnsubscribeLinks } from './unsubscribe-links';

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationProducer;
  }
}

const POLL_MS = 10_000;
const DIGEST_CHECK_MS = 10 * 60 * 1000;

/**
 * Notifications: the routes, and the producer that reads the event log after each write request.
 * `onWritten` runs after it stored notifications or queued mail (the composition root wakes the
 * live hub and the mail sender, which this feature does not know).
 */
export async function registerNotifications(app: App, onWritten: () => void): Promise<void> {
  const links = await UnsubscribeLinks.load(app.db);
  const producer = new NotificationProducer(app.db, { origin: app.config.siteOrigin, links }, app.log, onWritten);
  await producer.start(POLL_MS, DIGEST_CHECK_MS);
  app.decorate('notifications', producer);
  app.addHook('onResponse', async (request) => {
    if (!isSafeMethod(request.method)) producer.wake();
  });
  app.addHook('preClose', async () => producer.stop());
  await app.register(notificationsRoutes(links));
}
