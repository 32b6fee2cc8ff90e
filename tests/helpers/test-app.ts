import { onTestFinished } from 'vitest';
import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import type { App } from '../../server/platform/fastify';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent' }, overrides);
}

/** The real app on a fresh in-memory SQLite database, closed when the test that built it finishes (call it in a test or a `beforeEach`). */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<App> {
  const app = await buildApp(testConfig(overrides));
  onTestFinished(() => app.close());
  return app;
}

/** The same app shared by a file's tests (call it in `beforeAll`): close it in `afterAll`. */
export async function buildSuiteApp(overrides: Partial<Config> = {}): Promise<App> {
  return buildApp(testConfig(overrides));
}
