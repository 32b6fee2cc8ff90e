import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A reload that took this long spaces the next one out by this many times as long. */
const SPACING = 10;

/**
 * Reloads a view when live events say it changed, coalesced: the first event schedules one reload
 * `delayMs` later and the events after it join that one. Under a steady stream of events the view
 * still reloads every `delayMs`, where a debounce ("this long after the last event") never would.
 * A view that was slow to build waits ten times its build time before the next, so a costly page
 * (the dashboard of a large consultation) is not rebuilt back to back. Events during a reload bring
 * one more after it, so the last change is always shown.
 */
export class CoalescedReload implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private again = false;
  private lastDurationMs = 0;

  constructor(
    host: Pick<ReactiveControllerHost, 'addController'>,
    private readonly reload: () => Promise<void>,
    private readonly delayMs: number,
  ) {
    host.addController(this);
  }

  /** Something changed: reload soon, once for everything that changes meanwhile. */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => void this.run(), Math.max(this.delayMs, SPACING * this.lastDurationMs));
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    const started = performance.now();
    try {
      await this.reload();
    } finally {
      this.lastDurationMs = performance.now() - started;
      this.running = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }
}
