import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { AGORA_SERVER_ENTRY } from './lib/agora-app';
import { BENCH_CONSULTATION, BENCH_SECTION, BENCH_SECTION_PATH, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Figure } from './lib/benchmark';
import { forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';

/**
 * A first visit to a section page in Chromium with the CPU slowed 4× (a mid-range phone), cache
 * empty: Largest Contentful Paint and the bytes sent, median of several cold visits. The baseline
 * is the floor: the same section HTML as a static page, served by a bare Node server, in the same
 * throttled browser.
 */

const VISITS = 5;
/** Debian's Chromium, as the browser tests use it. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CPU_SLOWDOWN = 4;
const PAGE_PATH = `/c/${BENCH_CONSULTATION}/${BENCH_SECTION}`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** One cold visit: a fresh context (no cache), throttled CPU, LCP once `textSelector` is visible. */
async function visit(browser: Browser, url: string, text: string): Promise<{ lcp: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'load' });
    await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // a later, larger paint would still be reported
    return await page.evaluate(
      () =>
        new Promise<{ lcp: number; bytes: number }>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const navigation = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
            const bytes = [...resources, ...navigation].reduce((sum, entry) => sum + entry.transferSize, 0);
            resolve({ lcp: entries.at(-1)!.startTime, bytes });
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

async function measure(browser: Browser, url: string, text: string): Promise<Figure[]> {
  const visits = [];
  for (let i = 0; i < VISITS; i++) visits.push(await visit(browser, url, text));
  return [
    { metric: 'LCP ms', value: median(visits.map((v) => v.lcp)) },
    { metric: 'KB sent', value: median(visits.map((v) => v.bytes)) / 1024 },
  ];
}

/** The section's own HTML as a plain page: what a server-rendered page without script would send. */
function serveStatic(context: BenchContext, title: string, html: string): Promise<string> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${html}</main></body></html>`;
  const server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  context.defer(() => new Promise((resolve) => server.close(resolve)));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)));
}

export const firstVisit: Benchmark = {
  name: 'First visit',
  timeLimitSeconds: () => 180,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'first-visit');
    await prepareDataDir(dataDir);
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    const section = (await (await fetch(`${server.url}${BENCH_SECTION_PATH}`)).json()) as {
      section: { title: string; revision: { html: string; blocks: { text: string }[] } };
    };
    const firstWords = section.section.revision.blocks.find((block) => block.text.length > 40)!.text.slice(0, 40);
    const staticUrl = await serveStatic(context, section.section.title, section.section.revision.html);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    context.defer(() => browser.close());
    const baseline = await measure(browser, staticUrl, firstWords);
    const agora = await measure(browser, `${server.url}${PAGE_PATH}`, firstWords);
    const note = `median of ${VISITS} cold visits (new browser context, empty cache) at 1280×800, CPU throttled ${CPU_SLOWDOWN}× (CDP), LCP read once the section's first paragraph is visible; KB = transferSize of the page and every resource`;
    return [
      { id: 'first-visit-static', label: 'Static HTML of the section (baseline)', figures: baseline, note: 'the section HTML as one plain page from a bare Node server, same browser and throttling' },
      { id: 'first-visit', label: 'First visit to a section page', figures: agora, baselineId: 'first-visit-static', note },
    ];
  },
};
