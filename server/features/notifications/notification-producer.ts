import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { writeTransaction } from '../../db/write-transaction';
import { latestSeq, readEventsAfter } from '../../events/event-log';
import { sendDueDigests } from './digests';
import { ruleFor } from './notification-rules';
import { readCursor, saveCursor } from './notifications.repository';
import { deliverNotifications, type MailContext } from './notifications.service';

const CURSOR = 'notifications';
const BATCH = 500;

/**
 * Turns the event log into notifications after commit, as the live hub does into frames: features
 * only append events and know nothing of who is told. Its place in the log is saved in the same
 * transaction as each event's notifications, so a restart neither repeats nor skips one. An event
 * whose notifications fail is logged and passed over; it never holds up the ones after it.
 */
export class NotificationProducer {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Db,
    private readonly context: MailContext,
    private readonly log: FastifyBaseLogger,
    /** Called after a pass that wrote something (the composition root wakes the live hub and mail). */
    private readonly onWritten: () => void,
  ) {}

  /** Starts from the end of the log the first time, so an existing site is not told its history. */
  async start(pollMs: number, digestMs: number): Promise<void> {
    if ((await readCursor(this.db, CURSOR)) === undefined) {
      const seq = await latestSeq(this.db);
      await writeTransaction(this.db, (trx) => saveCursor(trx, CURSOR, seq));
    }
    this.timers = [setInterval(() => this.wake(), pollMs), setInterval(() => this.enqueue(() => this.digests()), digestMs)];
    for (const timer of this.timers) timer.unref();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }

  /** New events may have committed: read them (coalesced). */
  wake(): void {
    if (this.pending) return;
    this.pending = true;
    this.enqueue(async () => {
      this.pending = false;
      await this.readLog();
    });
  }

  /** Reads the log to its end and sends due digests; resolves when done (tests). */
  async flush(): Promise<void> {
    this.wake();
    this.enqueue(() => this.digests());
    await this.running;
  }

  private enqueue(task: () => Promise<void>): void {
    this.running = this.running.then(task).catch((error: unknown) => this.log.error({ err: error }, 'notification pass failed'));
  }

  private async readLog(): Promise<void> {
    let wrote = false;
    for (;;) {
      const cursor = (await readCursor(this.db, CURSOR)) ?? 0;
      const events = await readEventsAfter(this.db, cursor, BATCH);
      if (events.length === 0) break;
      for (const event of events) {
        const rule = ruleFor(event.type);
        if (!rule) continue;
        try {
          // Most events tell nobody (no follower, no reply): they cost no commit, since every commit
          // moves all read caches on (a backlog of one commit per comment kept pages uncached for seconds).
          const items = await rule(this.db, event);
          if (items.length === 0) continue;
          const told = await writeTransaction(this.db, async (trx) => {
            // Another instance reading the same log may have told them already.
            if (((await readCursor(trx, CURSOR)) ?? 0) >= event.seq) return false;
            await deliverNotifications(trx, this.context, items);
            await saveCursor(trx, CURSOR, event.seq);
            return true;
          });
          wrote ||= told;
        } catch (error) {
          this.log.error({ err: error, seq: event.seq, type: event.type }, 'could not make notifications for an event; skipped');
        }
      }
      await writeTransaction(this.db, (trx) => saveCursor(trx, CURSOR, events.at(-1)!.seq));
      if (events.length < BATCH) break;
    }
    if (wrote) this.onWritten();
  }

  private async digests(): Promise<void> {
    if (await sendDueDigests(this.db, this.context, Date.now())) this.onWritten();
  }
}
