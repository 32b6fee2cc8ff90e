import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedReload } from '../../client/live/coalesced-reload';

const host = { addController: () => undefined };
const DELAY = 800;

let reloads: number[];
let buildMs: number;
let start: number;
let reload: CoalescedReload;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  start = performance.now();
  reloads = [];
  buildMs = 0;
  reload = new CoalescedReload(
    host,
    async () => {
      // The view takes `buildMs` to arrive, as a fetch would.
      if (buildMs > 0) await new Promise((resolve) => setTimeout(resolve, buildMs));
      reloads.push(performance.now() - start);
    },
    DELAY,
  );
});

afterEach(() => vi.useRealTimers());

/** Live events every `everyMs` for `forMs`. */
async function stream(everyMs: number, forMs: number) {
  for (let t = 0; t < forMs; t += everyMs) {
    reload.request();
    await vi.advanceTimersByTimeAsync(everyMs);
  }
}

describe('reloading a view as live events arrive', () => {
  it('reloads once for a burst of events, the delay after the first', async () => {
    for (let i = 0; i < 10; i++) reload.request();
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(reloads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reloads).toEqual([DELAY]);
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(reloads).toHaveLength(1);
  });

  it('keeps reloading under a steady stream of events, where a debounce would wait for a pause', async () => {
    await stream(100, 10_000);
    expect(reloads.length).toBeGreaterThanOrEqual(10);
  });

  it('spaces out the reloads of a view that is slow to build, ten times its build time', async () => {
    buildMs = 300;
    await stream(100, 30_000);
    const gaps = reloads.slice(1).map((at, i) => at - reloads[i]!);
    expect(gaps.length).toBeGreaterThan(3);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(10 * buildMs);
  });

  it('reloads once more for events that came while it was reloading, so the last change is shown', async () => {
    buildMs = 500;
    reload.request();
    await vi.advanceTimersByTimeAsync(DELAY + 100); // reloading now
    reload.request();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(reloads).toHaveLength(2);
  });

  it('stops when its element leaves the page', async () => {
    reload.request();
    reload.hostDisconnected();
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(reloads).toEqual([]);
  });
});
