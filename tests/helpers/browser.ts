import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { DemoName } from '../../server/cli/demo-accounts';
import { seedDemo } from '../../server/cli/demo-seed';
import { findUserByUsername } from '../../server/features/auth/users.repository';
import { createSession, SESSION_COOKIE } from '../../server/features/auth/sessions';
import { loadContent } from '../../server/commands/load-content';
import type { App } from '../../server/platform/fastify';
import { unreadableStates } from './colour-states';
import { buildSuiteApp } from './test-app';
import type { Actor } from './users';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with the flags these machines need (no sandbox as root, no network chatter). */
async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * The real app with the shipped content (and the demo's people and discussion), listening on a free
 * port of 127.0.0.1. On a database file, as `npm start` runs it (the server tests use memory): its
 * commits are synced off the event loop and its reads use a second connection.
 */
async function startServer(demo: boolean): Promise<{ app: App; url: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-browser-'));
  const app = await buildSuiteApp({ dataDir });
  app.addHook('onClose', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  await loadContent(app.db, app.config.contentDir);
  if (demo) await seedDemo(app);
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
  /** A new context signed in as one of the demo's people (their session cookie, as after signing in). */
  signedInAs(person: DemoName, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page at `path`, on the device, signed in as one of the demo's people. Close its context after. */
  openAs(person: DemoName, device: Device, path: string): Promise<Page>;
}

/**
 * Starts the server and Chromium once for the calling test file (beforeAll) and closes both after
 * its last test (afterAll). Call it at the top level of the file. With `demo`, the server holds
 * the `npm run demo` data (server/cli/demo-seed.ts) and is started afresh for every test, so each
 * journey begins from the same demo.
 */
export function useBrowserApp(options: { demo?: boolean } = {}): BrowserApp {
  const demo = options.demo ?? false;
  let server: { app: App; url: string } | undefined;
  let chromiumBrowser: Browser | undefined;
  beforeAll(async () => {
    if (!demo) server = await startServer(false);
    chromiumBrowser = await launchBrowser();
  });
  afterAll(async () => {
    await chromiumBrowser?.close();
    await server?.app.close();
  });
  if (demo) {
    beforeEach(async () => {
      server = await startServer(true);
    });
    afterEach(async () => {
      await server?.app.close();
      server = undefined;
    });
  }

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
    async signedInAs(person, contextOptions) {
      const { app, url } = started(server);
      const user = await findUserByUsername(app.db, person);
      if (!user) throw new Error(`signedInAs(): ${person} is not a demo account; use useBrowserApp({ demo: true })`);
      const context = await started(chromiumBrowser).newContext(contextOptions);
      await context.addCookies([{ name: SESSION_COOKIE, value: await createSession(app.db, user.id), url }]);
      return context;
    },
    async openAs(person, device, path) {
      const page = await (await this.signedInAs(person, device.options)).newPage();
      await page.goto(`${started(server).url}${path}`);
      return page;
    },
  };
}

/** The two devices every journey runs on: a desktop with a mouse and a phone with a touch screen. */
export const DEVICES = [
  { name: 'desktop, 1280 px, mouse', id: 'desktop', touch: false, options: { viewport: { width: 1280, height: 800 } } },
  { name: 'phone, 360 px, touch', id: 'phone', touch: true, options: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } },
] as const satisfies readonly { name: string; id: string; touch: boolean; options: BrowserContextOptions }[];
export type Device = (typeof DEVICES)[number];

/** Presses a control as a person on the device would: a tap on the touch screen, else a mouse click. */
export function press(device: Device, control: Locator): Promise<void> {
  return device.touch ? control.tap() : control.click();
}

/** The comment (or comments) on the page whose text includes `words`. */
export const commentItem = (page: Page, words: string): Locator => page.locator('agora-comment-item').filter({ hasText: words });

/** Whether the page scrolls sideways (wider than the window). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
}

/**
 * How every journey ends: a screenshot to look at (/tmp/agora-<name>.png), no axe-core violation
 * of any impact, no sideways scroll, and every interactive element readable in every state.
 */
export async function expectSoundPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/agora-${name}.png`, fullPage: true });
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  expect(await scrollsSideways(page), `sideways scroll on ${page.url()}`).toBe(false);
  expect(await unreadableStates(page), `unreadable states on ${page.url()}`).toEqual([]);
}

/** Runs axe-core on the page (shadow roots included) with all its rules and returns violations of any impact. */
export async function accessibilityViolations(page: Page) {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
