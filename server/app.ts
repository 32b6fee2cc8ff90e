import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { createDatabase, type Db } from './db/database';
import { migrateToLatest } from './db/migrator';
import { setReadCacheLag } from './db/read-cache';
import { listenForChanges, stopListening } from './db/postgres';
import { closeRenderPool } from './markdown/render-off-thread';
import { registerSessions } from './features/auth/auth.plugin';
import { analysisRoutes } from './features/analysis/analysis.routes';
import { themesRoutes } from './features/analysis/themes.routes';
import { outcomeThemesRoutes } from './features/analysis/outcome-themes.routes';
import { registerNewAccountThrottle } from './features/auth/new-account-throttle';
import { accountRoutes } from './features/auth/account.routes';
import { authRoutes } from './features/auth/auth.routes';
import { personalDataRoutes } from './features/auth/personal-data.routes';
import { usersRoutes } from './features/auth/users.routes';
import { commentFeedsRoutes } from './features/comments/comments.feeds';
import { commentsRoutes } from './features/comments/comments.routes';
import { exportsRoutes } from './features/exports/exports.routes';
import { registerLive } from './features/live/live.plugin';
import { registerMail } from './features/mail/mail.plugin';
import { registerNotifications } from './features/notifications/notifications.plugin';
import { moderationRoutes } from './features/moderation/moderation.routes';
import { proposalModerationRoutes } from './features/proposals/proposal-moderation.routes';
import { consultationsRoutes } from './features/consultations/consultations.routes';
import { consultationManagementRoutes } from './features/consultations/consultation-management.routes';
import { outcomeRoutes } from './features/consultations/outcome.routes';
import { commentAnchorsRoutes } from './features/comments/anchoring/anchoring.routes';
import { proposalsRoutes } from './features/proposals/proposals.routes';
import { revisionsRoutes } from './features/revisions/revisions.routes';
import { searchRoutes } from './features/search/search.routes';
import { suggestionsRoutes } from './features/suggestions/suggestions.routes';
import { questionsRoutes } from './features/questions/questions.routes';
import { dashboardRoutes } from './features/dashboard/dashboard.routes';
import { registerClientAssets } from './platform/client-assets';
import { registerErrorHandling } from './platform/errors';
import type { App } from './platform/fastify';
import { sharedSchemaCompilers } from './platform/schema-compilers';
import { registerSecurity } from './platform/security';
import { registerTextInputCheck } from './platform/text-input';
import { registerWriteTurns } from './platform/time-slices';

export interface BuildOptions {
  /** Use this database instead of opening one from the config (tests, tools). */
  db?: Db;
  /** Where log lines go (tests capture them); the level and redaction still come from here. */
  logStream?: DestinationStream;
}

/** The composition root: every plugin and feature is registered here, by hand, in order. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        // Nothing logs these today; the list keeps a careless future log line from leaking them.
        paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password', '*.*.password', 'sessionToken', '*.sessionToken'],
        censor: '[redacted]',
      },
    },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
    schemaController: { compilersFactory: sharedSchemaCompilers },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const db = options.db ?? createDatabase(config);
  await migrateToLatest(db);
  setReadCacheLag(db, config.sectionPageLagMs);
  await listenForChanges(db);
  app.decorate('db', db);
  app.decorate('config', config);
  registerWriteTurns(app);
  app.addHook('onClose', async () => {
    await stopListening(db);
    await db.destroy();
  });
  app.addHook('onClose', closeRenderPool);

  registerErrorHandling(app);
  registerTextInputCheck(app);
  await registerSecurity(app);
  await registerSessions(app);
  await registerNewAccountThrottle(app);
  await app.register(swagger, {
    openapi: { info: { title: 'Agora API', version: '1' } },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(accountRoutes);
  await app.register(personalDataRoutes);
  await registerLive(app);
  await registerMail(app);
  await registerNotifications(app, () => {
    app.liveHub.wake();
    app.mailSender.wake();
  });
  await app.register(consultationsRoutes);
  await app.register(consultationManagementRoutes);
  await app.register(outcomeRoutes);
  await app.register(revisionsRoutes);
  await app.register(commentAnchorsRoutes);
  await app.register(proposalsRoutes);
  await app.register(suggestionsRoutes);
  await app.register(commentsRoutes);
  await app.register(commentFeedsRoutes);
  await app.register(moderationRoutes);
  await app.register(proposalModerationRoutes);
  await app.register(searchRoutes);
  await app.register(exportsRoutes);
  await app.register(analysisRoutes);
  await app.register(themesRoutes);
  await app.register(outcomeThemesRoutes);
  await app.register(questionsRoutes);
  await app.register(dashboardRoutes);

  await registerClientAssets(app, config.clientDir);
  return app;
}
