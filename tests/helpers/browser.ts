import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadContent } from '../../server/features/consultations/content-loader';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from './test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with the flags these machines need (no sandbox as root, no network chatter). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The real app with the shipped content, listening on a free port of 127.0.0.1. */
export async function startServer(): Promise<{ app: App; url: string }> {
  const app = await buildTestApp();
  await loadContent(app.db, app.config.contentDir);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address };
}

/** Runs axe-core on the page (shadow roots included) and returns violations of WCAG 2.x A and AA. */
export async function accessibilityViolations(page: Page) {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
