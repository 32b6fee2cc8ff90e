import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: the server and client tests on SQLite, the browser journeys (also on SQLite), and
 * the server suites again on PostgreSQL when TEST_DATABASE_URL names a server (`.ci/run` starts one; see README, "Running on PostgreSQL").
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * Every server suite that opens a database runs again on PostgreSQL. These nine never do (pure
 * algorithms and settings), so a second run would test nothing new.
 */
const WITHOUT_DATABASE = [
  'analysis-engine', 'config', 'markdown-plain-text', 'markdown', 'reanchor', 'redraft-corpus',
  'sign-in-throttle', 'text-diff', 'three-way-merge',
].map((name) => `tests/server/${name}.test.ts`);
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
      // Files share a worker's loaded modules (`isolate: false`: importing the app once per file was
      // most of a server file's CPU): no server or client suite mocks modules, and the one that fakes
      // timers restores them.
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], maxWorkers: SERVER_WORKERS, isolate: false } },
      // Chromium journeys run one file at a time, after the rest (vitest's sequential group): each
      // drives a browser of several processes. On a loaded 2-core CI machine a journey that fails is
      // run once more, and vitest reports the retry, so a flaky step is seen and fixed.
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], retry: 1, maxWorkers: 1 } },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/server/**/*.test.ts'],
                exclude: WITHOUT_DATABASE,
                globalSetup: ['tests/helpers/postgres-setup.ts'],
                maxWorkers: SERVER_WORKERS,
                isolate: false,
              },
            },
          ]
        : []),
    ],
  },
});
