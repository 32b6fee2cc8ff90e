import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { loadContent } from './features/consultations/content-loader';
import { hasAdmin } from './features/auth/users.service';
import { ensureClientBuilt } from './platform/client-build';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureClientBuilt(config.clientDir);
  const app = await buildApp(config);
  const loaded = await loadContent(app.db, config.contentDir);
  app.log.info(loaded, 'content loaded');
  if (!(await hasAdmin(app.db))) {
    console.log('No admin account yet. Create one with: npm run user -- create <username> --role admin');
  }

  // Stop accepting connections, let in-flight requests finish, then close the database (onClose).
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000).unref();
      app.close().then(
        () => { clearTimeout(timer); process.exit(0); },
        (error) => { app.log.error(error, 'shutdown failed'); process.exit(1); },
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
