/** Child-process entry: the real Agora app, configured from the environment run.ts passes. */
import { groupCommitStats } from '../../server/db/write-transaction';
import type { App } from '../../server/platform/fastify';
import { startAgoraApp } from '../lib/agora-app';
import { serveFromChildProcess } from '../lib/server-process';

let app: App | undefined;

serveFromChildProcess(
  async () => {
    const started = await startAgoraApp(process.env);
    app = started.app;
    return started;
  },
  // Mean writes per commit shows whether group commit is grouping.
  { groupCommit: () => (app ? groupCommitStats(app.db) : undefined) },
);
