import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import type { App } from '../../server/platform/fastify';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }, overrides);
}

/** The real app on a fresh in-memory SQLite database. Close it with `app.close()`. */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<App> {
  return buildApp(testConfig(overrides));
}
