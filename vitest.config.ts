import { defineConfig } from 'vitest/config';

/**
 * Two projects: every test on SQLite, and the server suites again on PostgreSQL when
 * TEST_DATABASE_URL names a server (`.ci/run` starts one; see README, "Running on PostgreSQL").
 */
const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.log(
    '\nPostgreSQL pass skipped: TEST_DATABASE_URL is not set. To run tests/server on PostgreSQL too:\n' +
      '  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test   (any server where that user may CREATE DATABASE)\n',
  );
}

export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: ['tests/server/**/*.test.ts'], globalSetup: ['tests/helpers/postgres-setup.ts'] } }]
        : []),
    ],
  },
});
