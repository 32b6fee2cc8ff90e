import type { Delivery, NotificationKind, NotificationList, NotificationView, Preference, PreferencesBody } from '../../contracts/notifications';
import { userChannel } from '../../contracts/live';
import type { Db } from '../../db/database';
import type { NotificationsTable } from '../../db/schema';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { badRequest } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { type Recipient, recipientsAmong } from '../auth/users.service';
import { queueMail } from '../mail/mail.service';
import { DEFAULT_DELIVERY, KIND_LABELS, kindsFor } from './notification-kinds';
import { notificationMail } from './notification-mail';
import { countUnread, deleteNotificationData, insertNotification, notificationDataOf, listNotifications, markRead, preferencesOf, setPreference } from './notifications.repository';
import type { UnsubscribeLinks } from './unsubscribe-links';

/** What one event tells one person. */
export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  /**
   * Words quoted only in an email sent at once, never stored: a comment may be hidden later, and
   * what is kept (the bell, digests, the data download) must not hold its text.
   */
  excerpt?: string;
}

/** Where emails link to and how they are unsubscribed from. */
export interface MailContext {
  origin: string;
  links: UnsubscribeLinks;
}

const PAGE = 20;

export function presentNotification(row: Pick<NotificationsTable, 'kind' | 'title' | 'body' | 'link' | 'created_at' | 'read_at'> & { id: number }): NotificationView {
  return { id: row.id, kind: row.kind as NotificationKind, title: row.title, body: row.body, link: row.link, createdAt: row.created_at, read: row.read_at !== null };
}

/** Each kind's delivery for one person: their choice, or the default. */
export async function deliveriesOf(db: Db, userId: number): Promise<Record<NotificationKind, Delivery>> {
  const chosen = Object.fromEntries((await preferencesOf(db, userId)).map((row) => [row.kind, row.delivery]));
  return { ...DEFAULT_DELIVERY, ...chosen } as Record<NotificationKind, Delivery>;
}

/**
 * Stores each notification, tells the person's open pages (live, on their own channel) and emails
 * it now, keeps it for a digest, or not at all, as they chose. One notification per person per
 * event, the first (rules list the most specific first: an official response in my thread before
 * a reply to me before activity I follow); never to the person who caused it (the producer leaves them out).
 */
export async function deliverNotifications(trx: Trx, context: MailContext, items: NewNotification[]): Promise<void> {
  const recipients = new Map((await recipientsAmong(trx, items.map((item) => item.userId))).map((r) => [r.id, r]));
  const told = new Set<number>();
  for (const item of items) {
    const recipient = recipients.get(item.userId);
    if (!recipient || told.has(item.userId) || !kindsFor(recipient.role).includes(item.kind)) continue;
    told.add(item.userId);
    await deliverOne(trx, context, recipient, item);
  }
}

async function deliverOne(trx: Trx, context: MailContext, recipient: Recipient, item: NewNotification): Promise<void> {
  const delivery = (await deliveriesOf(trx, recipient.id))[item.kind];
  const emailState = !recipient.email || delivery === 'off' ? 'none' : delivery === 'immediately' ? 'sent' : 'pending';
  const createdAt = now();
  const row = { user_id: recipient.id, kind: item.kind, title: item.title, body: item.body, link: item.link, created_at: createdAt, read_at: null, email_state: emailState } as const;
  const id = await insertNotification(trx, row);
  await appendEvent(trx, userChannel(recipient.id), 'notification.created', { notification: presentNotification({ ...row, id }), unread: await countUnread(trx, recipient.id) });
  if (emailState === 'sent') await queueMail(trx, notificationMail(context, recipient.id, recipient.email!, [{ ...item, body: [item.body, item.excerpt].filter(Boolean).join('\n') }]));
}

export async function getNotifications(db: Db, user: CurrentUser, before?: number): Promise<NotificationList> {
  const rows = await listNotifications(db, user.id, PAGE + 1, before);
  const page = rows.slice(0, PAGE);
  return { notifications: page.map(presentNotification), unread: await countUnread(db, user.id), nextBefore: rows.length > PAGE ? page.at(-1)!.id : null };
}

/** Marks the listed notifications (or all) read; the person's other pages hear the new count. */
export async function readNotifications(db: Db, user: CurrentUser, ids?: number[]): Promise<{ unread: number }> {
  return writeTransaction(db, async (trx) => {
    await markRead(trx, user.id, now(), ids);
    const unread = await countUnread(trx, user.id);
    await appendEvent(trx, userChannel(user.id), 'notification.read', { unread });
    return { unread };
  });
}

export async function getPreferences(db: Db, user: CurrentUser): Promise<Preference[]> {
  const deliveries = await deliveriesOf(db, user.id);
  return kindsFor(user.role).map((kind) => ({ kind, label: KIND_LABELS[kind], delivery: deliveries[kind] }));
}

export async function savePreferences(db: Db, user: CurrentUser, input: PreferencesBody): Promise<Preference[]> {
  const allowed = kindsFor(user.role);
  const index = input.preferences.findIndex((p) => !allowed.includes(p.kind));
  if (index >= 0) throw badRequest(`Only staff receive “${KIND_LABELS[input.preferences[index]!.kind]}”.`, `preferences/${index}/kind`);
  await writeTransaction(db, async (trx) => {
    for (const preference of input.preferences) await setPreference(trx, user.id, preference.kind, preference.delivery);
  });
  return getPreferences(db, user);
}

/** One-click unsubscribe: that kind's email stops (it still shows in the app). */
export async function unsubscribe(db: Db, links: UnsubscribeLinks, token: string): Promise<{ kind: NotificationKind; label: string }> {
  const target = links.verify(token);
  if (!target) throw badRequest('This unsubscribe link is not valid. Change what we email you on your notification settings page.', 'token');
  await writeTransaction(db, (trx) => setPreference(trx, target.userId, target.kind, 'off'));
  return { kind: target.kind, label: KIND_LABELS[target.kind] };
}

/** The person's notifications, choices and follows (their data download). */
export const notificationData = (db: Db, userId: number) => notificationDataOf(db, userId);
/** Account erasure. */
export const forgetNotifications = (trx: Trx, userId: number) => deleteNotificationData(trx, userId);
