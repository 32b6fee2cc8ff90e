import { type App, isSafeMethod } from '../../platform/fastify';
import { MailSender } from './mail-sender';
import { createMailTransport } from './mail-transport';

declare module 'fastify' {
  interface FastifyInstance {
    mailSender: MailSender;
  }
}

const POLL_MS = 15_000;

/** Starts the background mail sender; after every write request (its mail committed) it is woken. */
export async function registerMail(app: App): Promise<void> {
  const transport = createMailTransport({ smtpUrl: app.config.smtpUrl, outboxDir: app.config.mailOutboxDir, log: app.log });
  const sender = new MailSender(app.db, app.config.mailFrom, transport.deliver, app.log);
  sender.start(POLL_MS);
  app.decorate('mailSender', sender);
  app.addHook('onResponse', async (request) => {
    if (!isSafeMethod(request.method)) sender.wake();
  });
  app.addHook('preClose', async () => {
    await sender.stop();
    transport.close();
  });
}
