import { type CommentRecord, type CommentView, type CreateCommentBody, MAX_THREAD_DEPTH } from '../../contracts/comments';
import type { CommentEventType } from '../../contracts/live';
import type { Config } from '../../config';
import type { Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { CommentsTable, ConsultationRow } from '../../db/schema';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { consultationChannel, sectionChannel } from '../../contracts/live';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import { renderMarkdown } from '../../markdown/render';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { mayAct } from '../auth/users.policy';
import { accountById } from '../auth/users.service';
import { requireSection } from '../consultations/consultations.service';
import { requireQuestionInSection } from '../questions/questions.service';
import { blocksOf, revisionById } from '../revisions/revisions.service';
import { type AnchorColumns, resolveAnchor } from './anchoring/anchor';
import { normalizeForDuplicates } from './comments.duplicates';
import { toCommentRecord } from './comments.presenter';
import * as repo from './comments.repository';
import { asNewResponse, type NewResponse } from './responses.service';
import {
  awaitsApproval,
  type CommentTarget,
  isListedFor,
  isOfficialReply,
  mayComment,
  mayDelete,
  mayEdit,
  mayEndorse,
  mayReply,
  presentCommentFor,
} from './comments.policy';

// For other features (moderation, live): the comment feature owns the comments table, so they read
// and change comments only through these.
export { answerCountsFor, commentCountsFor, emptyCounts, receivedAnswerCounts, receivedCounts } from './comments.counts';
export { toCommentRecord } from './comments.presenter';
/** The comment columns with author, for features that list comments their own way (the moderation queue). */
export { type CommentWithAuthor, selectComments as commentQuery } from './comments.repository';

export const commentById = (db: Db, id: number) => repo.findComment(db, id);
/** Status and visibility reason of several comments, as stored now. */
export const commentStates = (db: Db, ids: number[]) => repo.currentStates(db, ids);
/** A person's own comments, replies to them and endorsements (their activity page and data). */
export const commentsByAuthor = (db: Db, authorId: number) => repo.commentsByAuthor(db, authorId);
export const visibleRepliesTo = (db: Db, parents: { id: number; root_id: number | null }[], exceptAuthor: number) => repo.visibleRepliesTo(db, parents, exceptAuthor);
export const endorsementsBy = (db: Db, userId: number) => repo.endorsementsBy(db, userId);
/** Account erasure with "remove my comments too". */
export const eraseCommentsBy = (trx: Trx, authorId: number) => repo.eraseCommentsBy(trx, authorId);
/** Who commented in a consultation (notifications of its outcome). */
export const commentAuthorsIn = (db: Db, consultationId: number) => repo.authorsIn(db, consultationId);

/** The columns moderation changes: hiding, restoring, approving and closing threads. */
export type ModerationChange = Pick<Updateable<CommentsTable>, 'status' | 'hidden_reason' | 'hidden_by' | 'hidden_at' | 'closed_at' | 'closed_note'>;

export async function moderateCommentRow(trx: Trx, id: number, change: ModerationChange): Promise<void> {
  await repo.updateComment(trx, id, change);
}

// Comment events (CommentEventType) go to `sectionChannel(c, s)`: every payload is the full `CommentRecord` (for
// `thread.*`, the thread's top-level comment). Moderation records hidden, restored, approved and thread.*.
/** Changes that add a top-level comment to what some readers count, or take it away. */
const CHANGES_COUNTS = new Set<CommentEventType>(['comment.created', 'comment.held', 'comment.deleted', 'comment.hidden', 'comment.restored', 'comment.approved']);
/** Appended to `consultationChannel(c)` when a top-level comment appears or goes: `{section, comment: CommentRecord}`. */
export const COUNTS_CHANGED = 'comment.counts_changed';

function checkBody(body: string): void {
  if (body.trim() === '') throw badRequest('Enter your comment.', 'body');
  refuseInvalidCharacters(body, 'body', 'The comment');
  refuseCostlyMarkdown(body, 'body');
}

/** The view of a record for this viewer, with whether they endorsed it when signed in (lists mark more: see comments.listing). */
export function viewFor(viewer: CurrentUser | null, record: CommentRecord, endorsed: boolean): CommentView | null {
  const view = presentCommentFor(viewer, record);
  return view && viewer ? { ...view, endorsedByMe: endorsed } : view;
}

interface Place {
  consultation_slug: string;
  section_slug: string;
}

/** Appends the comment as it now is to its section's channel (and a counts change when it makes one); returns the record. */
export async function recordEvent(trx: Trx, place: Place, type: CommentEventType, row: Pick<repo.CommentWithAuthor, 'id' | 'root_id'>): Promise<CommentRecord> {
  return appendCommentEvent(trx, place, type, (await repo.findComment(trx, row.id))!);
}

/** `recordEvent` for a comment already read back as it now is. */
async function appendCommentEvent(trx: Trx, place: Place, type: CommentEventType, row: repo.CommentWithAuthor): Promise<CommentRecord> {
  const record = toCommentRecord(row);
  await appendEvent(trx, sectionChannel(place.consultation_slug, place.section_slug), type, record);
  // Counts by kind are of top-level comments, so only those change them.
  if (row.root_id === null && CHANGES_COUNTS.has(type)) {
    await appendEvent(trx, consultationChannel(place.consultation_slug), COUNTS_CHANGED, { section: place.section_slug, comment: record });
  }
  return record;
}

/** Whether what this author writes in this consultation waits for a moderator's approval. */
export async function underPremoderation(trx: Db, author: CurrentUser, consultation: Pick<ConsultationRow, 'premoderation'>, rules: Pick<Config, 'premoderationAccountAgeHours'>): Promise<boolean> {
  // Pre-moderation needs the account's age, which only the users table knows.
  const joinedAt = consultation.premoderation ? (await accountById(trx, author.id))?.created_at : undefined;
  return awaitsApproval(author, consultation, joinedAt, rules.premoderationAccountAgeHours);
}

async function refuseDuplicate(trx: Db, sectionId: number, normalized: string, rootId: number | null, exceptId?: number): Promise<void> {
  if (normalized === '') return;
  const existing = await repo.findDuplicate(trx, sectionId, normalized, rootId, exceptId);
  if (existing !== undefined) {
    throw conflict('duplicate', 'Someone has already posted this comment here. You can endorse it instead.', { existingCommentId: existing });
  }
}

export async function createComment(
  db: Db,
  viewer: CurrentUser | null,
  c: string,
  s: string,
  input: CreateCommentBody,
  rules: Pick<Config, 'premoderationAccountAgeHours'>,
): Promise<CommentView> {
  // Every check runs in the (group-committed) transaction that writes, so a section closed meanwhile refuses the comment.
  return writeTransaction(db, async (trx) => (await createCommentIn(trx, viewer, c, s, input, rules)).view);
}

/** Who the author says they write as; an organisation must be named. */
function respondentColumns(respondent: CreateCommentBody['respondent']): Pick<CommentsTable, 'respondent_type' | 'organisation_name'> {
  if (!respondent) return { respondent_type: null, organisation_name: null };
  if (respondent.type === 'individual') return { respondent_type: 'individual', organisation_name: null };
  const name = (respondent.organisation ?? '').trim();
  if (name === '') throw badRequest('Enter the name of the organisation you respond for.', 'respondent.organisation');
  refuseInvalidCharacters(name, 'respondent.organisation', 'The organisation’s name');
  return { respondent_type: 'organisation', organisation_name: name };
}

/** A comment just written: the author's view of it and, when it is a response, where response analysis files it. */
export interface CreatedComment {
  view: CommentView;
  response: NewResponse | null;
}

/**
 * `createComment` inside a transaction the caller holds (answering several questions commits them
 * together); the caller files a response for analysis without reading it back.
 */
export async function createCommentIn(
  trx: Trx,
  viewer: CurrentUser | null,
  c: string,
  s: string,
  input: CreateCommentBody,
  rules: Pick<Config, 'premoderationAccountAgeHours'>,
): Promise<CreatedComment> {
  const { consultation, section } = await requireSection(trx, c, s);
  // A reply's rules (mayReply, below) also let staff answer where comments are closed.
  enforce(input.parentId === undefined ? mayComment(viewer, { consultation, section }) : mayAct(viewer));
  const author = viewer!;
  checkBody(input.body);
  if (input.parentId !== undefined && input.anchor) throw badRequest('A reply belongs to its thread’s passage, so it cannot have its own.', 'anchor');
  if (input.questionId !== undefined) {
    if (input.parentId !== undefined) throw badRequest('A reply belongs to its thread’s question, so it cannot answer another.', 'questionId');
    await requireQuestionInSection(trx, input.questionId, section.id);
  }
  const respondent = respondentColumns(input.respondent);

  let parent: repo.CommentWithAuthor | undefined;
  let official = false;
  if (input.parentId !== undefined) {
    parent = await repo.findComment(trx, input.parentId);
    if (!parent || parent.section_id !== section.id || !isListedFor(viewer, { status: parent.status, authorId: parent.author_id })) {
      throw badRequest('The comment you are replying to is not in this section.', 'parentId');
    }
    const thread = parent.root_id === null ? parent : await repo.findThreadState(trx, parent.root_id);
    const target = { consultation, section, thread, comment: { authorId: parent.author_id, status: parent.status } };
    enforce(mayReply(viewer, target));
    official = isOfficialReply(viewer, target);
  }
  const revision = (await revisionById(trx, section.current_revision_id!))!;
  let anchor: AnchorColumns | undefined;
  if (input.anchor) anchor = resolveAnchor(blocksOf(revision), input.anchor);

  // Replies deeper than the deepest shown level join that level: their parent becomes the grandparent.
  const rootId = parent ? (parent.root_id ?? parent.id) : null;
  const parentId = parent ? (parent.depth >= MAX_THREAD_DEPTH ? parent.parent_id : parent.id) : null;
  const depth = parent ? Math.min(parent.depth + 1, MAX_THREAD_DEPTH) : 1;
  const normalized = normalizeForDuplicates(input.body);
  await refuseDuplicate(trx, section.id, normalized, rootId);

  const createdAt = now();
  const html = renderMarkdown(input.body);
  const id = await repo.insertComment(trx, {
    consultation_id: consultation.id,
    section_id: section.id,
    revision_id: revision.id,
    parent_id: parentId,
    root_id: rootId,
    depth,
    author_id: author.id,
    kind: input.kind,
    body: input.body,
    html,
    normalized_body: normalized,
    status: (await underPremoderation(trx, author, consultation, rules)) ? 'pending' : 'visible',
    official: official ? 1 : 0,
    question_id: input.questionId ?? null,
    ...respondent,
    ...anchor,
    created_at: createdAt,
  });
  await repo.insertVersion(trx, { comment_id: id, version: 1, body: input.body, html, created_at: createdAt });
  const row = (await repo.findComment(trx, id))!;
  const record = await appendCommentEvent(trx, { consultation_slug: consultation.slug, section_slug: section.slug }, 'comment.created', row);
  return { view: viewFor(viewer, record, false)!, response: asNewResponse(row) };
}

export interface LoadedTarget {
  row: repo.CommentWithAuthor;
  place: NonNullable<Awaited<ReturnType<typeof repo.findCommentPlace>>>;
  target: CommentTarget;
}

/** The comment and everything its rules need; 404 when missing or not visible to this viewer. */
export async function loadTarget(db: Db, viewer: CurrentUser | null, id: number): Promise<LoadedTarget> {
  const row = await repo.findComment(db, id);
  const place = row && (await repo.findCommentPlace(db, id));
  if (!row || !place || !isListedFor(viewer, { status: row.status, authorId: row.author_id })) throw notFound('Comment');
  const thread = row.root_id === null ? row : await repo.findThreadState(db, row.root_id);
  return {
    row,
    place,
    target: { consultation: place, section: place, thread, comment: { authorId: row.author_id, status: row.status } },
  };
}

/** Runs a change to one comment in a transaction, after the viewer may act at all (401/403 before 404). */
async function changeComment<T>(db: Db, viewer: CurrentUser | null, id: number, change: (trx: Trx, loaded: LoadedTarget) => Promise<T>): Promise<T> {
  enforce(mayAct(viewer));
  return writeTransaction(db, async (trx) => change(trx, await loadTarget(trx, viewer, id)));
}

/**
 * The author's edit, with its version kept. An author still under pre-moderation cannot slip new
 * text past the queue by editing: a published comment goes back to waiting (`comment.held`).
 */
export async function updateComment(db: Db, viewer: CurrentUser | null, id: number, body: string, rules: Pick<Config, 'premoderationAccountAgeHours'>): Promise<CommentView> {
  return changeComment(db, viewer, id, async (trx, { row, place, target }) => {
    enforce(mayEdit(viewer, target));
    checkBody(body);
    if (body === row.body) return viewFor(viewer, toCommentRecord(row), false)!;
    const normalized = normalizeForDuplicates(body);
    await refuseDuplicate(trx, row.section_id, normalized, row.root_id, row.id);
    const editedAt = now();
    const html = renderMarkdown(body);
    const held = row.status === 'visible' && (await underPremoderation(trx, viewer!, place, rules));
    await repo.insertVersion(trx, { comment_id: id, version: (await repo.latestVersion(trx, id)) + 1, body, html, created_at: editedAt });
    await repo.updateComment(trx, id, { body, html, normalized_body: normalized, edited_at: editedAt, ...(held ? { status: 'pending' as const } : {}) });
    const record = await recordEvent(trx, place, held ? 'comment.held' : 'comment.updated', row);
    // Authors cannot endorse their own comments.
    return viewFor(viewer, record, false)!;
  });
}

/** The comment becomes a tombstone; its replies stay where they are. */
export async function deleteComment(db: Db, viewer: CurrentUser | null, id: number): Promise<CommentView> {
  return changeComment(db, viewer, id, async (trx, { row, place, target }) => {
    enforce(mayDelete(viewer, target));
    await repo.updateComment(trx, id, { status: 'deleted' });
    const record = await recordEvent(trx, place, 'comment.deleted', row);
    return viewFor(viewer, record, false)!;
  });
}

/** Endorses (`on`) or withdraws an endorsement; repeating either changes nothing. */
export async function setEndorsement(db: Db, viewer: CurrentUser | null, id: number, on: boolean): Promise<CommentView> {
  return changeComment(db, viewer, id, async (trx, { row, place, target }) => {
    enforce(mayEndorse(viewer, target));
    const userId = viewer!.id;
    const changed = on ? await repo.insertEndorsement(trx, id, userId, now()) : await repo.deleteEndorsement(trx, id, userId);
    if (!changed) return viewFor(viewer, toCommentRecord(row), on)!;
    await repo.addToEndorsementCount(trx, id, on ? 1 : -1);
    const record = await recordEvent(trx, place, 'comment.endorsed', row);
    return viewFor(viewer, record, on)!;
  });
}
