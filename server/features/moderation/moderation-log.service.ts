import type { LogEntry, ModerationAction, ModerationLog } from '../../contracts/moderation';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import type { CurrentUser } from '../auth/current-user';
import { insertLogEntry, listLog } from './moderation.repository';

/**
 * The public moderation log: who did what to which comment, account or section, why, and when.
 * Append-only: entries are written with the action they record and never changed.
 */

const PAGE_SIZE = 50;

export interface LogInput {
  action: ModerationAction;
  commentId?: number;
  proposalId?: number;
  proposalCommentId?: number;
  userId?: number;
  sectionId?: number;
  reason?: string | null;
}

/** Records an action in the transaction that makes it. `actor` null: the system acted. */
export async function logAction(trx: Db, actor: CurrentUser | null, entry: LogInput): Promise<void> {
  await insertLogEntry(trx, {
    actor_id: actor?.id ?? null,
    action: entry.action,
    comment_id: entry.commentId ?? null,
    proposal_id: entry.proposalId ?? null,
    proposal_comment_id: entry.proposalCommentId ?? null,
    user_id: entry.userId ?? null,
    section_id: entry.sectionId ?? null,
    reason: entry.reason ?? null,
    created_at: now(),
  });
}

const person = (username: string | null, displayName: string | null) => (username ? { username, displayName: displayName ?? username } : null);

function present(row: Awaited<ReturnType<typeof listLog>>[number]): LogEntry {
  return {
    id: row.id,
    action: row.action,
    actor: person(row.actor_username, row.actor_display_name),
    commentId: row.comment_id,
    proposalId: row.proposal_id,
    proposalCommentId: row.proposal_comment_id,
    user: person(row.account_username, row.account_display_name),
    where:
      row.consultation_slug && row.section_slug
        ? { consultation: row.consultation_slug, section: row.section_slug, sectionTitle: row.section_title ?? row.section_slug }
        : null,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/** Newest first, for anyone: names, ids and moderators' reasons — never a comment's text. */
export async function getLog(db: Db, page: number): Promise<ModerationLog> {
  const rows = await listLog(db, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  return { entries: rows.slice(0, PAGE_SIZE).map(present), page, nextPage: rows.length > PAGE_SIZE ? page + 1 : null };
}
