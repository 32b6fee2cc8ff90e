import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: the server and client tests on SQLite, the browser journeys (also on SQLite), and
 * the server suites again on PostgreSQL when TEST_DATABASE_URL names a server (`.ci/run` starts one; see README, "Running on PostgreSQL").
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * The server suites `npm test` runs again on PostgreSQL: everything whose SQL, transactions or
 * timing differ between the engines (the event log and live fan-out, several instances, search,
 * exports, group commit), the suites of every feature that writes, and accounts, sessions and
 * moderation's effects on them. A test costs ~1–2 s more on PostgreSQL (a migrated schema per
 * test; the app's start is shared, see server/platform/schema-compilers.ts), so every suite there
 * would take CI past its 30 minutes on 2 cores; `POSTGRES_ALL=1` runs all of tests/server there.
 */
const POSTGRES_SUITES = [
  'multi-instance', 'instance-crash', 'live', 'search', 'exports', 'write-transaction',
  'comments', 'proposals', 'suggestions', 'revisions-history', 'moderation',
  'consultation-management', 'questions', 'dashboard', 'notifications', 'analysis',
  'auth', 'account-recovery', 'account-admin', 'comments-visibility', 'moderation-block',
  'moderation-premoderation', 'outcome', 'anchor-review', 'content-app-changes',
].map((name) => `tests/server/${name}.test.ts`);
const postgresInclude = process.env.POSTGRES_ALL ? ['tests/server/**/*.test.ts'] : POSTGRES_SUITES;
if (!postgresUrl) {
  console.log(
    '\nPostgreSQL pass skipped: TEST_DATABASE_URL is not set. To run tests/server on PostgreSQL too:\n' +
      '  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test   (any server where that user may CREATE DATABASE)\n',
  );
}

/**
 * Server test files in parallel, one per core: vitest's default (cores − 1) is one worker on the
 * 2-core CI machine, where most of a server test is its own CPU work.
 */
const SERVER_WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], maxWorkers: SERVER_WORKERS } },
      // Chromium journeys run one file at a time, after the rest (vitest's sequential group): each
      // drives a browser of several processes. On a loaded 2-core CI machine a journey that fails is
      // run once more, and vitest reports the retry, so a flaky step is seen and fixed.
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], retry: 1, maxWorkers: 1 } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: postgresInclude, globalSetup: ['tests/helpers/postgres-setup.ts'], maxWorkers: SERVER_WORKERS } }]
        : []),
    ],
  },
});
