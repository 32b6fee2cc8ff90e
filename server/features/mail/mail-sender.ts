import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import type { DeliverMail } from './mail-transport';
import { dueMail, markAttemptFailed, markSent } from './outbox.repository';

const BATCH = 50;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;
/** After this many failures (about two days of retries) a message is marked failed, kept, and logged. */
export const MAX_MAIL_ATTEMPTS = 12;

/** Waits 30 s, 1 min, 2 min, … up to 6 hours between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

/**
 * Sends the outbox in the background: woken after each write request and on a timer. One pass at
 * a time; a failed message is retried with backoff, never dropped, and never blocks a request.
 */
export class MailSender {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly from: string,
    private readonly deliver: DeliverMail,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(pollMs: number): void {
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Something may have been queued: send what is due (coalesced). */
  wake(): void {
    if (this.pending) return;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      await this.sendDue().catch((error: unknown) => this.log.error({ err: error }, 'mail sender pass failed'));
    });
  }

  /** Sends everything due now and resolves when done (tests, and before shutdown). */
  async flush(): Promise<void> {
    this.wake();
    await this.running;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const batch = await dueMail(this.db, now(), BATCH);
      for (const mail of batch) {
        try {
          const headers = JSON.parse(mail.headers_json) as Record<string, string>;
          const { where } = await this.deliver({ from: this.from, to: mail.to_address, subject: mail.subject, text: mail.text_body, headers });
          await markSent(this.db, mail.id, now());
          this.log.debug({ mailId: mail.id, where }, 'email sent');
        } catch (error) {
          await this.recordFailure(mail.id, mail.attempts + 1, error);
        }
      }
      if (batch.length < BATCH) return;
    }
  }

  private async recordFailure(id: number, attempts: number, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (attempts >= MAX_MAIL_ATTEMPTS) {
      await markAttemptFailed(this.db, id, attempts, message, { failedAt: now() });
      this.log.error({ mailId: id, attempts, error: message }, 'email could not be sent; kept in the outbox as failed');
      return;
    }
    const retryAt = new Date(Date.now() + retryDelayMs(attempts)).toISOString();
    await markAttemptFailed(this.db, id, attempts, message, { retryAt });
    this.log.warn({ mailId: id, attempts, retryAt, error: message }, 'email not sent; will retry');
  }
}
