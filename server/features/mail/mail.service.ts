import type { Trx } from '../../db/write-transaction';
import { now } from '../../db/time';
import { deleteMailTo, insertMail } from './outbox.repository';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/**
 * Queues an email in the same transaction as the change it tells of: it is sent after commit by
 * the background sender (mail-sender.ts), so sending never delays or fails the request.
 */
export async function queueMail(trx: Trx, mail: OutgoingMail): Promise<void> {
  const at = now();
  await insertMail(trx, { to_address: mail.to, subject: mail.subject, text_body: mail.text, headers_json: JSON.stringify(mail.headers ?? {}), created_at: at, next_attempt_at: at });
}

/** Forgets queued and sent mail to an address (account deletion). */
export async function forgetMailTo(trx: Trx, address: string): Promise<void> {
  await deleteMailTo(trx, address);
}
