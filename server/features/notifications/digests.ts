import type { Db } from '../../db/database';
import { writeTransaction } from '../../db/write-transaction';
import type { NotificationKind } from '../../contracts/notifications';
import { recipientsAmong } from '../auth/users.service';
import { queueMail } from '../mail/mail.service';
import { notificationMail } from './notification-mail';
import { pendingEmails, setEmailState } from './notifications.repository';
import { deliveriesOf, type MailContext } from './notifications.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MS = { daily: DAY_MS, weekly: 7 * DAY_MS } as const;
const MAX_PENDING = 5_000;

type Pending = Awaited<ReturnType<typeof pendingEmails>>[number];

/**
 * Emails the digests that are due: a person's daily (weekly) notifications go out together once
 * the oldest of them is a day (week) old. A kind switched off meanwhile is dropped; one switched to
 * "immediately" goes out now. Returns whether any mail was queued.
 */
export async function sendDueDigests(db: Db, context: MailContext, at: number): Promise<boolean> {
  const byUser = new Map<number, Pending[]>();
  for (const row of await pendingEmails(db, MAX_PENDING)) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  const recipients = new Map((await recipientsAmong(db, [...byUser.keys()])).map((r) => [r.id, r]));
  let queued = false;
  for (const [userId, rows] of byUser) {
    const email = recipients.get(userId)?.email;
    const deliveries = await deliveriesOf(db, userId);
    const groups = { immediately: [] as Pending[], daily: [] as Pending[], weekly: [] as Pending[], off: [] as Pending[] };
    for (const row of rows) groups[email ? deliveries[row.kind as NotificationKind] : 'off'].push(row);
    const due = (period: 'daily' | 'weekly') => groups[period].length > 0 && at - Date.parse(groups[period][0]!.created_at) >= PERIOD_MS[period];
    await writeTransaction(db, async (trx) => {
      await setEmailState(trx, groups.off.map((row) => row.id), 'none');
      for (const period of ['immediately', 'daily', 'weekly'] as const) {
        if (period === 'immediately' ? groups.immediately.length === 0 : !due(period)) continue;
        const items = groups[period].map((row) => ({ kind: row.kind as NotificationKind, title: row.title, body: row.body, link: row.link }));
        await queueMail(trx, notificationMail(context, userId, email!, items, period === 'immediately' ? undefined : period));
        await setEmailState(trx, groups[period].map((row) => row.id), 'sent');
        queued = true;
      }
    });
  }
  return queued;
}
