import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadContent } from '../../server/commands/load-content';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from './test-app';
import type { Actor } from './users';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with the flags these machines need (no sandbox as root, no network chatter). */
async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The real app with the shipped content, listening on a free port of 127.0.0.1. */
async function startServer(): Promise<{ app: App; url: string }> {
  const app = await buildTestApp();
  await loadContent(app.db, app.config.contentDir);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address };
}

/** What a browser test file drives: read its fields inside hooks and tests, once the server is up. */
export interface BrowserApp {
  readonly app: App;
  readonly url: string;
  readonly browser: Browser;
  /** `context` (a new one by default) signed in as `actor`: their session cookie, as after signing in. */
  signedIn(actor: Actor, context?: BrowserContext): Promise<BrowserContext>;
}

/**
 * Starts the server and Chromium once for the calling test file (beforeAll) and closes both after
 * its last test (afterAll). Call it at the top level of the file.
 */
export function useBrowserApp(): BrowserApp {
  let server: { app: App; url: string } | undefined;
  let chromiumBrowser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    chromiumBrowser = await launchBrowser();
  });
  afterAll(async () => {
    await chromiumBrowser?.close();
    await server?.app.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useBrowserApp(): the server and browser start in beforeAll; use them inside hooks and tests');
    return value;
  };
  return {
    get app() {
      return started(server).app;
    },
    get url() {
      return started(server).url;
    },
    get browser() {
      return started(chromiumBrowser);
    },
    async signedIn(actor, context) {
      const [name, value] = actor.cookie.split('=') as [string, string];
      const signedIn = context ?? (await started(chromiumBrowser).newContext());
      await signedIn.addCookies([{ name, value, url: started(server).url }]);
      return signedIn;
    },
  };
}

/** Runs axe-core on the page (shadow roots included) and returns violations of WCAG 2.x A and AA. */
export async function accessibilityViolations(page: Page) {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
