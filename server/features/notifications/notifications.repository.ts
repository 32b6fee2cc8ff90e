import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { FollowsTable, NotificationsTable } from '../../db/schema';

export async function insertNotification(db: Db, values: Insertable<NotificationsTable>): Promise<number> {
  return (await db.insertInto('notifications').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Newest first, `limit` of them, older than `before` when given. */
export async function listNotifications(db: Db, userId: number, limit: number, before?: number) {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the person's own notifications read: those listed, or all. */
export async function markRead(db: Db, userId: number, at: string, ids?: number[]): Promise<void> {
  let query = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : [0]);
  await query.execute();
}

export async function preferencesOf(db: Db, userId: number) {
  return db.selectFrom('notification_preferences').select(['kind', 'delivery']).where('user_id', '=', userId).execute();
}

export async function setPreference(db: Db, userId: number, kind: string, delivery: string): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, delivery })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery }))
    .execute();
}

/** Notifications still waiting for an email (immediately or in a digest), oldest first. */
export async function pendingEmails(db: Db, limit: number) {
  return db.selectFrom('notifications').selectAll().where('email_state', '=', 'pending').orderBy('user_id').orderBy('id').limit(limit).execute();
}

export async function setEmailState(db: Db, ids: number[], state: 'sent' | 'none'): Promise<void> {
  if (ids.length > 0) await db.updateTable('notifications').set({ email_state: state }).where('id', 'in', ids).execute();
}

export async function insertFollow(db: Db, values: Insertable<FollowsTable>): Promise<void> {
  await db.insertInto('follows').values(values).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteFollow(db: Db, userId: number, target: FollowsTable['target'], targetId: number): Promise<void> {
  await db.deleteFrom('follows').where('user_id', '=', userId).where('target', '=', target).where('target_id', '=', targetId).execute();
}

export async function isFollowing(db: Db, userId: number, target: FollowsTable['target'], targetId: number): Promise<boolean> {
  return !!(await db.selectFrom('follows').select('user_id').where('user_id', '=', userId).where('target', '=', target).where('target_id', '=', targetId).executeTakeFirst());
}

/** Which of these targets the person follows. */
export async function followedAmong(db: Db, userId: number, target: FollowsTable['target'], targetIds: number[]): Promise<Set<number>> {
  if (targetIds.length === 0) return new Set();
  const rows = await db.selectFrom('follows').select('target_id').where('user_id', '=', userId).where('target', '=', target).where('target_id', 'in', targetIds).execute();
  return new Set(rows.map((row) => row.target_id));
}

export async function followsOf(db: Db, userId: number) {
  return db.selectFrom('follows').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function followersOf(db: Db, target: FollowsTable['target'], targetId: number): Promise<number[]> {
  return (await db.selectFrom('follows').select('user_id').where('target', '=', target).where('target_id', '=', targetId).execute()).map((row) => row.user_id);
}

export async function readCursor(db: Db, name: string): Promise<number | undefined> {
  return (await db.selectFrom('event_cursors').select('seq').where('name', '=', name).executeTakeFirst())?.seq;
}

/** Moves the cursor forward only: an instance that read less of the log must not move it back. */
export async function saveCursor(db: Db, name: string, seq: number): Promise<void> {
  await db.insertInto('event_cursors').values({ name, seq }).onConflict((oc) => oc.column('name').doUpdateSet({ seq }).where('event_cursors.seq', '<', seq)).execute();
}

/** The named secret, made by `create` and stored on first use. */
export async function serverSecret(db: Db, name: string, create: () => string): Promise<string> {
  await db.insertInto('server_secrets').values({ name, value: create() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
}

/** Everything held about one person here (their data download), and its erasure. */
export async function notificationDataOf(db: Db, userId: number) {
  const [notifications, preferences, follows] = await Promise.all([
    db.selectFrom('notifications').select(['kind', 'title', 'body', 'link', 'created_at', 'read_at']).where('user_id', '=', userId).orderBy('id').execute(),
    preferencesOf(db, userId),
    followsOf(db, userId),
  ]);
  return { notifications, preferences, follows: follows.map((f) => ({ target: f.target, targetId: f.target_id, createdAt: f.created_at })) };
}

export async function deleteNotificationData(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('notifications').where('user_id', '=', userId).execute();
  await db.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
  await db.deleteFrom('follows').where('user_id', '=', userId).execute();
}
