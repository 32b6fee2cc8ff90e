/**
 * Issue 13: a script hammering a limit was answered at once, every time, so its refusals took the
 * event loop from everyone else. After a few refusals a minute, an address's 429s are held.
 */
import { describe, expect, it } from 'vitest';
import { REFUSAL_HOLD, RefusalHold } from '../../server/platform/refusal-hold';
import { buildTestApp } from '../helpers/test-app';

describe('RefusalHold', () => {
  it('answers an address\'s first refusals of a minute at once and holds the rest, apart from other addresses', () => {
    const refusals = new RefusalHold();
    const plans = Array.from({ length: REFUSAL_HOLD.freePerMinute + 1 }, () => refusals.plan('10.0.0.1', 0));
    expect(plans.map((plan) => plan.holdMs)).toEqual([...Array<number>(REFUSAL_HOLD.freePerMinute).fill(0), REFUSAL_HOLD.holdMs]);
    expect(refusals.plan('10.0.0.2', 0).holdMs).toBe(0);
    // A new minute starts a new allowance.
    expect(refusals.plan('10.0.0.1', 60_000).holdMs).toBe(0);
  });

  it('holds only so many at once per address and overall; the next closes its connection instead', () => {
    const refusals = new RefusalHold();
    for (let free = 0; free < REFUSAL_HOLD.freePerMinute; free++) refusals.plan('10.0.0.1', 0);
    const held = Array.from({ length: REFUSAL_HOLD.maxHeldPerAddress }, () => refusals.plan('10.0.0.1', 0));
    expect(held.every((plan) => plan.holdMs === REFUSAL_HOLD.holdMs && !plan.closeConnection)).toBe(true);
    expect(refusals.plan('10.0.0.1', 0)).toMatchObject({ holdMs: 0, closeConnection: true });
    held[0]!.release();
    held[0]!.release(); // twice frees one place, not two
    expect(refusals.plan('10.0.0.1', 0)).toMatchObject({ holdMs: REFUSAL_HOLD.holdMs, closeConnection: false });
    expect(refusals.plan('10.0.0.1', 0)).toMatchObject({ holdMs: 0, closeConnection: true });
  });

  it('caps the refusals held for all addresses together', () => {
    const refusals = new RefusalHold();
    const perAddress = REFUSAL_HOLD.freePerMinute + REFUSAL_HOLD.maxHeldPerAddress;
    let address = 0;
    for (let held = 0; held < REFUSAL_HOLD.maxHeldTotal; address++) {
      for (let refusal = 0; refusal < perAddress && held < REFUSAL_HOLD.maxHeldTotal; refusal++) if (refusals.plan(`10.1.${address >> 8}.${address & 255}`, 0).holdMs > 0) held++;
    }
    for (let free = 0; free < REFUSAL_HOLD.freePerMinute; free++) refusals.plan('10.9.9.9', 0);
    expect(refusals.plan('10.9.9.9', 0)).toMatchObject({ holdMs: 0, closeConnection: true });
  });
});

describe('refusals of an address that keeps asking', () => {
  it('are held before they are sent, still with Retry-After; past the held ones they close the connection', async () => {
    const app = await buildTestApp({ rateLimitPerMinute: 1 });
    const ask = () => app.inject({ method: 'GET', url: '/api/me', remoteAddress: '10.0.0.7' });
    expect((await ask()).statusCode).toBe(200);
    for (let free = 0; free < REFUSAL_HOLD.freePerMinute; free++) expect((await ask()).statusCode).toBe(429);

    const started = performance.now();
    const flood = await Promise.all(Array.from({ length: REFUSAL_HOLD.maxHeldPerAddress + 1 }, () => ask().then((response) => ({ response, ms: performance.now() - started }))));
    expect(flood.map(({ response }) => response.statusCode)).toEqual(Array<number>(REFUSAL_HOLD.maxHeldPerAddress + 1).fill(429));
    const closed = flood.filter(({ response }) => response.headers.connection === 'close');
    const held = flood.filter(({ response }) => response.headers.connection !== 'close');
    expect(closed).toHaveLength(1);
    expect(held).toHaveLength(REFUSAL_HOLD.maxHeldPerAddress);
    // Timers never fire early (a millisecond of rounding aside).
    for (const { response, ms } of held) {
      expect(ms).toBeGreaterThanOrEqual(REFUSAL_HOLD.holdMs - 5);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
