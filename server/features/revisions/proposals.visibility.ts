import { type Expression, type SqlBool, sql } from 'kysely';
import type { ModerationState } from '../../db/schema';
import { forbidden } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { hasRole } from '../auth/policy';
import { HIDDEN_AFTER_REPORTS } from '../comments/comments.visibility';

/**
 * THE visibility rule for proposals and their discussion, the same table as for comments:
 *
 * | moderation | listed                               | text and author readable by |
 * |------------|--------------------------------------|-----------------------------|
 * | visible    | everyone                             | everyone                    |
 * | pending    | its author and moderators only       | its author and moderators   |
 * | hidden     | everyone (tombstone with the reason) | its author and moderators   |
 *
 * Lists, the proposal page, its discussion, the live channel and the queue all ask here; the
 * SQL twin below states the listing rule for queries.
 */

export interface ModeratedItem {
  moderation: ModerationState;
  authorId: number | null;
  hiddenReason: string | null;
}

const isModerator = (viewer: CurrentUser | null): boolean => hasRole(viewer, 'moderator');
const isAuthor = (viewer: CurrentUser | null, item: Pick<ModeratedItem, 'authorId'>): boolean => viewer !== null && item.authorId !== null && viewer.id === item.authorId;

export function isListedFor(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'moderation' | 'authorId'>): boolean {
  return item.moderation !== 'pending' || isModerator(viewer) || isAuthor(viewer, item);
}

export function isReadableBy(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'moderation' | 'authorId'>): boolean {
  return item.moderation === 'visible' || isModerator(viewer) || isAuthor(viewer, item);
}

/** Why others cannot see it (for everyone on a tombstone; for its author and moderators beside the text). */
export function moderationNotice(item: Pick<ModeratedItem, 'moderation' | 'hiddenReason'>): string | null {
  switch (item.moderation) {
    case 'visible':
      return null;
    case 'pending':
      return 'Waiting for a moderator to check it. Only you and moderators can see it.';
    case 'hidden':
      return item.hiddenReason === null ? HIDDEN_AFTER_REPORTS : `Hidden by a moderator: ${item.hiddenReason}`;
  }
}

/** Viewers with the same key see the same thing of this item (the live channel presents once per audience). */
export function moderatedAudience(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'authorId'>): string {
  if (isModerator(viewer)) return 'moderators';
  return isAuthor(viewer, item) ? `author:${viewer!.id}` : 'everyone';
}

/**
 * `full` as the viewer may see it: itself (with its notice), `tombstone` (text and author
 * removed, notice kept), or null when the viewer may not know it exists.
 */
export function presentModerated<T extends object>(viewer: CurrentUser | null, item: ModeratedItem, full: T, tombstone: (view: T) => T): (T & { notice: string | null }) | null {
  if (!isListedFor(viewer, item)) return null;
  const notice = moderationNotice(item);
  return { ...(isReadableBy(viewer, item) ? full : tombstone(full)), notice };
}

/** 403 with the public reason when the viewer may know the item but not read it. */
export function requireReadable(viewer: CurrentUser | null, item: ModeratedItem, what: string): void {
  if (!isReadableBy(viewer, item)) throw forbidden(`This ${what} cannot be shown. ${moderationNotice(item)}`, `${what.replace(/ /g, '_')}_hidden`);
}

/** SQL twin of `isListedFor` for `proposals` or `proposal_comments`. */
export function listedSql(viewer: CurrentUser | null, table: 'proposals' | 'proposal_comments'): Expression<SqlBool> {
  if (isModerator(viewer)) return sql<SqlBool>`1 = 1`;
  const notPending = sql<SqlBool>`${sql.ref(`${table}.moderation`)} != 'pending'`;
  return viewer ? sql<SqlBool>`(${notPending} or ${sql.ref(`${table}.author_id`)} = ${viewer.id})` : notPending;
}
