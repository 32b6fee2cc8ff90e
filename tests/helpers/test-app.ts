import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import type { App } from '../../server/platform/fastify';

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests post in quick succession from new accounts; the new-account throttle has its own test.
  return loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent', NEW_ACCOUNT_POST_INTERVAL_SECONDS: '0' }, overrides);
}

/** The real app on a fresh in-memory SQLite database. Close it with `app.close()`. */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<App> {
  return buildApp(testConfig(overrides));
}
