import type { CommentView } from '../../contracts/comments';
import type { BulkAction, BulkActionBody, SectionCommentsState } from '../../contracts/moderation';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { MODERATION_CHANNEL, sectionChannel } from '../../contracts/live';
import { conflict, HttpError } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { invalidFields } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import type { CommentEventType } from '../../contracts/live';
import { commentById, type LoadedTarget, loadTarget, moderateCommentRow, recordEvent, toCommentRecord } from '../comments/comments.service';
import type { CommentRecord } from '../../contracts/comments';
import { presentCommentFor } from '../comments/comments.policy';
import { requireSection, setSectionComments } from '../consultations/consultations.service';
import { logAction } from './moderation-log.service';
import { mayApply, mayModerate } from './moderation.policy';
import { resolveReports } from './moderation.repository';

/** Moderators' channel events (moderators only): `{commentIds}` whenever the queue may have changed. */
export const QUEUE_CHANGED = 'queue.changed';

/** A reason or note everyone will read: required, trimmed. */
export function publicText(value: string | undefined, field: string, missing: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw invalidFields([{ field, code: 'invalid_input', message: missing }]);
  return text;
}

/**
 * One action on one comment, in the caller's transaction: the change, its log entry and the
 * section's live event (`comment.hidden | restored | approved`). `actor` null: the system acted.
 */
export async function applyAction(trx: Trx, actor: CurrentUser | null, { row, place }: LoadedTarget, action: BulkAction | 'auto-hide', reason: string | null): Promise<CommentRecord> {
  enforce(mayApply(action, { status: row.status, reportCount: row.report_count }));
  const at = now();
  const by = actor?.id ?? null;
  let event: CommentEventType | null = null;
  if (action === 'hide' || action === 'auto-hide') {
    await moderateCommentRow(trx, row.id, { status: 'hidden', hidden_reason: reason, hidden_by: by, hidden_at: at });
    // The system's hide leaves the reports open, so the comment stays in the queue for review.
    if (action === 'hide') await resolveReports(trx, row.id, 'actioned', by, at);
    event = 'comment.hidden';
  } else if (action === 'approve') {
    await moderateCommentRow(trx, row.id, { status: 'visible' });
    event = 'comment.approved';
  } else {
    await resolveReports(trx, row.id, 'dismissed', by, at);
    // Dismissed reports also bring back a comment that they alone had hidden.
    if (action === 'restore' || (row.status === 'hidden' && row.hidden_by === null)) {
      await moderateCommentRow(trx, row.id, { status: 'visible', hidden_reason: null, hidden_by: null, hidden_at: null });
      event = 'comment.restored';
    }
  }
  await logAction(trx, actor, { action, commentId: row.id, sectionId: row.section_id, reason });
  return event ? recordEvent(trx, place, event, row) : toCommentRecord((await commentById(trx, row.id))!);
}

/** Hides, restores, approves or dismisses the reports of several comments at once: all of them or none. */
export async function moderateComments(db: Db, viewer: CurrentUser | null, input: BulkActionBody): Promise<CommentView[]> {
  enforce(mayModerate(viewer));
  const reason = input.action === 'hide' ? publicText(input.reason, 'reason', 'Enter the reason for hiding, which everyone will see.') : input.reason?.trim() || null;
  return writeTransaction(db, async (trx) => {
    const records: CommentRecord[] = [];
    for (const id of input.commentIds) {
      try {
        records.push(await applyAction(trx, viewer, await loadTarget(trx, viewer, id), input.action, reason));
      } catch (error) {
        // Say which comment stopped the batch (nothing in it was applied).
        if (error instanceof HttpError && input.commentIds.length > 1) throw new HttpError(error.statusCode, error.code, `Comment ${id}: ${error.message}`);
        throw error;
      }
    }
    await appendEvent(trx, MODERATION_CHANNEL, QUEUE_CHANGED, { commentIds: input.commentIds });
    return records.map((record) => presentCommentFor(viewer, record)!);
  });
}

export async function moderateComment(db: Db, viewer: CurrentUser | null, id: number, action: BulkAction, reason?: string): Promise<CommentView> {
  return (await moderateComments(db, viewer, { commentIds: [id], action, reason }))[0]!;
}

/** Closes (`note` given) or reopens the thread any comment belongs to; the state lives on its top-level comment. */
async function changeThread(db: Db, viewer: CurrentUser | null, id: number, closeNote: string | null): Promise<CommentView> {
  enforce(mayModerate(viewer));
  const note = closeNote === null ? null : publicText(closeNote, 'note', 'Enter a note saying why the thread is closed.');
  const closing = note !== null;
  return writeTransaction(db, async (trx) => {
    const { row, place } = await loadTarget(trx, viewer, id);
    const root = row.root_id === null ? row : (await commentById(trx, row.root_id))!;
    if (closing === (root.closed_at !== null)) throw conflict(closing ? 'already_closed' : 'not_closed', closing ? 'This thread is already closed.' : 'This thread is not closed.');
    await moderateCommentRow(trx, root.id, { closed_at: closing ? now() : null, closed_note: note });
    await logAction(trx, viewer, { action: closing ? 'close-thread' : 'reopen-thread', commentId: root.id, sectionId: root.section_id, reason: note });
    return presentCommentFor(viewer, await recordEvent(trx, place, closing ? 'thread.closed' : 'thread.reopened', root))!;
  });
}

export const closeThread = (db: Db, viewer: CurrentUser | null, id: number, note: string) => changeThread(db, viewer, id, note);
export const reopenThread = (db: Db, viewer: CurrentUser | null, id: number) => changeThread(db, viewer, id, null);

/** Closes (`note` given) or reopens a whole section's comments; live event `section.comments_closed | reopened` with the new state. */
async function changeSection(db: Db, viewer: CurrentUser | null, c: string, s: string, closeNote: string | null): Promise<SectionCommentsState> {
  enforce(mayModerate(viewer));
  const note = closeNote === null ? null : publicText(closeNote, 'note', 'Enter a note saying why comments are closed.');
  const closing = note !== null;
  return writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    if (closing === (section.comments_closed_at !== null)) {
      throw conflict(closing ? 'already_closed' : 'not_closed', closing ? 'Comments on this section are already closed.' : 'Comments on this section are not closed.');
    }
    const closed = note === null ? null : { at: now(), note };
    await setSectionComments(trx, section.id, closed);
    await logAction(trx, viewer, { action: closing ? 'close-section' : 'reopen-section', sectionId: section.id, reason: note });
    const state: SectionCommentsState = { section: { slug: section.slug, commentsClosed: closed } };
    await appendEvent(trx, sectionChannel(consultation.slug, section.slug), closing ? 'section.comments_closed' : 'section.comments_reopened', state);
    return state;
  });
}

export const closeSectionComments = (db: Db, viewer: CurrentUser | null, c: string, s: string, note: string) => changeSection(db, viewer, c, s, note);
export const reopenSectionComments = (db: Db, viewer: CurrentUser | null, c: string, s: string) => changeSection(db, viewer, c, s, null);
