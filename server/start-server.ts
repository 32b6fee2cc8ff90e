import { buildApp } from './app';
import { type Config, ConfigError } from './config';
import { hasAdmin } from './features/auth/users.service';
import { loadContent } from './commands/load-content';
import type { App } from './platform/fastify';
import { ensureClientBuilt } from './platform/client-build';

/** What a caller (the demo) adds to the ordinary start; `npm start` passes none. */
export interface StartHooks {
  /** Runs after the content is loaded and before the server listens. */
  afterLoad?(app: App): Promise<void>;
}

/** Builds the client if needed, builds the app, loads the content, then listens until SIGINT/SIGTERM. */
export async function startServer(config: Config, hooks: StartHooks = {}): Promise<App> {
  await ensureClientBuilt(config.clientDir);
  const app = await buildApp(config);
  const loaded = await loadContent(app.db, config.contentDir);
  app.log.info(loaded, 'content loaded');
  for (const file of loaded.conflicts) {
    app.log.warn({ file }, 'this content file changes passages that editors have also changed online; the online text was kept — apply the file’s change in the editor');
  }
  await hooks.afterLoad?.(app);
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
  return app;
}

/** Runs a command's main function; a configuration problem prints just its message. Exits 1 on failure. */
export function runOrExit(main: () => Promise<unknown>): void {
  // Through a promise, so a synchronous throw (loadConfig) is reported the same way.
  Promise.resolve().then(main).catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
