import type { Expression, ExpressionBuilder, Insertable, SelectQueryBuilder, SqlBool, Updateable } from 'kysely';
import type { CommentKind, CommentSort } from '../../contracts/comments';
import type { Db } from '../../db/database';
import type { CommentsTable, CommentVersionsTable, Database } from '../../db/schema';
import { prepared } from '../../db/prepared-query';
import { unindexed } from '../../db/unindexed';

/** A WHERE condition on `comments` (the visibility rule's SQL side). */
export type CommentFilter = (eb: ExpressionBuilder<Database, 'comments'>) => Expression<SqlBool>;

/** Comment rows with what every view needs: the author's public name and the revision number. */
export function selectComments(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('revisions', 'revisions.id', 'comments.revision_id')
    .leftJoin('users', 'users.id', 'comments.author_id')
    // "Addressed in revision N" (revisions feature): the revision's number and the editor's name.
    .leftJoin('revisions as addressed_in', 'addressed_in.id', 'comments.addressed_revision_id')
    .leftJoin('users as addressed_by_user', 'addressed_by_user.id', 'comments.addressed_by')
    .selectAll('comments')
    .select(['revisions.number as revision_number', 'users.username as author_username', 'users.display_name as author_display_name'])
    .select(['addressed_in.number as addressed_revision_number', 'addressed_by_user.username as addressed_by_username', 'addressed_by_user.display_name as addressed_by_display_name']);
}

export type CommentWithAuthor = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>;

const insertCommentRow = prepared((db: Db, values: Insertable<CommentsTable>) => db.insertInto('comments').values(values).returning('id'));

export async function insertComment(db: Db, values: Insertable<CommentsTable>): Promise<number> {
  return (await insertCommentRow(db, values))[0]!.id;
}

const commentWithId = prepared((db: Db, id: number) => selectComments(db).where('comments.id', '=', id));

export async function findComment(db: Db, id: number): Promise<CommentWithAuthor | undefined> {
  return (await commentWithId(db, id))[0];
}

/** A comment with the consultation and section it belongs to, for the rules. */
export async function findCommentPlace(db: Db, id: number) {
  return db
    .selectFrom('comments')
    .innerJoin('sections', 'sections.id', 'comments.section_id')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .select([
      'comments.id',
      'comments.root_id',
      'sections.slug as section_slug',
      'sections.comments_closed_at',
      'sections.comments_closed_note',
      'consultations.slug as consultation_slug',
      'consultations.premoderation',
      'consultations.opens_at',
      'consultations.closes_at',
      'consultations.outcome_published_at',
    ])
    .where('comments.id', '=', id)
    .executeTakeFirst();
}

export async function findThreadState(db: Db, rootId: number) {
  return db.selectFrom('comments').select(['closed_at', 'closed_note']).where('id', '=', rootId).executeTakeFirstOrThrow();
}

export interface TopLevelQuery {
  sectionId: number;
  visible: CommentFilter;
  sort: CommentSort;
  kind?: CommentKind;
  block?: string;
  limit: number;
  offset: number;
}

/** One page of a section's top-level comments, in the chosen order. */
export async function listTopLevel(db: Db, query: TopLevelQuery): Promise<CommentWithAuthor[]> {
  let select = selectComments(db).where('comments.section_id', '=', query.sectionId).where('comments.root_id', 'is', null).where(query.visible);
  if (query.kind) select = select.where('comments.kind', '=', query.kind);
  if (query.block) select = select.where('comments.block_id', '=', query.block);
  // `root_id` leads each order although it is null on every row here: PostgreSQL does not count an
  // IS NULL condition as fixing a column, so without it the indexes (section, root, …) did not
  // give the order, and it sorted every top-level comment of the section (100 ms for ~53,000; 0.9 ms
  // reading 51 off the index). SQLite reads the same index either way. (Reading order: see migration 0029.)
  switch (query.sort) {
    case 'newest':
      select = select.orderBy('comments.root_id', 'desc').orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
      break;
    case 'endorsed':
      select = select.orderBy('comments.root_id', 'desc').orderBy('comments.endorsement_count', 'desc').orderBy('comments.id', 'desc');
      break;
    case 'position':
      select = inReadingOrder(select);
      break;
  }
  return select.limit(query.limit).offset(query.offset).execute();
}

/**
 * Top-level comments in the order of the text, as comments_section_position holds them: whole-section
 * comments (no block) first, then passages (NULLS FIRST is SQLite's default and must be said for
 * PostgreSQL), `root_id` leading as above.
 */
export function inReadingOrder<Q extends SelectQueryBuilder<Database, 'comments', object>>(select: Q): Q {
  return select
    .orderBy('comments.root_id')
    .orderBy('comments.block_index', (ob) => ob.asc().nullsFirst())
    .orderBy('comments.anchor_start', (ob) => ob.asc().nullsFirst())
    .orderBy('comments.id', 'asc') as Q;
}

/** Replies in the given threads, oldest first. */
export async function listReplies(db: Db, rootIds: number[], visible: CommentFilter, limit: number): Promise<CommentWithAuthor[]> {
  if (rootIds.length === 0) return [];
  return selectComments(db).where('comments.root_id', 'in', rootIds).where(visible).orderBy('comments.created_at').orderBy('comments.id').limit(limit).execute();
}

/** A thread's replies after `after` (a reply of it, or its top-level comment for the first), oldest first. */
export async function listRepliesAfter(db: Db, rootId: number, after: { created_at: string; id: number }, visible: CommentFilter, limit: number): Promise<CommentWithAuthor[]> {
  return selectComments(db)
    .where('comments.root_id', '=', rootId)
    .where(visible)
    .where((eb) => eb.or([eb('comments.created_at', '>', after.created_at), eb.and([eb('comments.created_at', '=', after.created_at), eb('comments.id', '>', after.id)])]))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(limit)
    .execute();
}

/** How many replies each of these threads has that the filter admits. */
export async function countReplies(db: Db, rootIds: number[], visible: CommentFilter): Promise<Map<number, number>> {
  if (rootIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['comments.root_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('comments.root_id', 'in', rootIds)
    .where(visible)
    .groupBy('comments.root_id')
    .execute();
  return new Map(rows.map((row) => [row.root_id!, Number(row.n)]));
}

/** A visible comment in the same place (top level of the section, or the same thread) with the same normalised text. */
export async function findDuplicate(db: Db, sectionId: number, normalized: string, rootId: number | null, exceptId?: number): Promise<number | undefined> {
  return (await duplicateOf(db, sectionId, normalized, rootId, exceptId))[0]?.id;
}

const duplicateOf = prepared((db: Db, sectionId: number, normalized: string, rootId: number | null, exceptId: number | undefined) => {
  const select = db
    .selectFrom('comments')
    .select('id')
    .where('section_id', '=', sectionId)
    .where('normalized_body', '=', normalized)
    .where('status', '=', 'visible')
    .where('root_id', rootId === null ? 'is' : '=', rootId);
  return (exceptId === undefined ? select : select.where('id', '!=', exceptId)).orderBy('id').limit(1);
});

/**
 * Comments answering each question of a consultation (only top-level comments answer one). Read
 * off comments_question by question: by consultation, every comment of it was looked at (230 ms
 * for 67,000).
 */
export async function countByQuestion(db: Db, consultationId: number, visible: CommentFilter) {
  return db
    .selectFrom('comments')
    .select((eb) => ['comments.question_id', eb.fn.countAll<number>().as('n')])
    .where('comments.question_id', 'in', (eb) => eb.selectFrom('questions').select('questions.id').where('questions.consultation_id', '=', consultationId))
    .where(visible)
    .groupBy('comments.question_id')
    .execute();
}

/** The current status and moderator's reason of these comments (the live channel re-checks logged records with it). */
export async function currentStates(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('comments').select(['id', 'status', 'hidden_reason']).where('id', 'in', ids).execute();
}

export async function updateComment(db: Db, id: number, values: Updateable<CommentsTable>): Promise<void> {
  await db.updateTable('comments').set(values).where('id', '=', id).execute();
}

const insertVersionRow = prepared((db: Db, values: Insertable<CommentVersionsTable>) => db.insertInto('comment_versions').values(values));

export async function insertVersion(db: Db, values: Insertable<CommentVersionsTable>): Promise<void> {
  await insertVersionRow(db, values);
}

export async function latestVersion(db: Db, commentId: number): Promise<number> {
  const row = await db.selectFrom('comment_versions').select((eb) => eb.fn.max('version').as('v')).where('comment_id', '=', commentId).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Newest first, at most `limit`. */
export async function listVersions(db: Db, commentId: number, limit: number) {
  return db.selectFrom('comment_versions').selectAll().where('comment_id', '=', commentId).orderBy('version', 'desc').limit(limit).execute();
}

/** Adds the endorsement unless it exists; true when it was added. */
export async function insertEndorsement(db: Db, commentId: number, userId: number, createdAt: string): Promise<boolean> {
  const result = await db
    .insertInto('endorsements')
    .values({ comment_id: commentId, user_id: userId, created_at: createdAt })
    .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes the endorsement if it exists; true when it was removed. */
export async function deleteEndorsement(db: Db, commentId: number, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('endorsements').where('comment_id', '=', commentId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function addToEndorsementCount(db: Db, commentId: number, delta: 1 | -1): Promise<void> {
  await db
    .updateTable('comments')
    .set((eb) => ({ endorsement_count: eb('endorsement_count', '+', delta) }))
    .where('id', '=', commentId)
    .execute();
}

/** Which of these comments the user endorsed. */
export async function endorsedBy(db: Db, userId: number, commentIds: number[]): Promise<Set<number>> {
  if (commentIds.length === 0) return new Set();
  const rows = await db.selectFrom('endorsements').select('comment_id').where('user_id', '=', userId).where('comment_id', 'in', commentIds).execute();
  return new Set(rows.map((row) => row.comment_id));
}

/** Whether the person has a comment in the section that is pending or hidden (which only they and moderators read). */
export async function hasUnpublishedComment(db: Db, sectionId: number, authorId: number): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('author_id', '=', authorId)
    .where('section_id', '=', sectionId)
    .where('status', 'in', ['pending', 'hidden'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these comments the person has reported (any report, open or resolved). */
export async function reportedBy(db: Db, userId: number, commentIds: number[]): Promise<Set<number>> {
  if (commentIds.length === 0) return new Set();
  const rows = await db.selectFrom('reports').select('comment_id').where('reporter_id', '=', userId).where('comment_id', 'in', commentIds).execute();
  return new Set(rows.map((row) => row.comment_id));
}

/** Newest comments the filter admits, in a consultation or one of its sections, with the section's slug and title. */
export async function latestComments(db: Db, where: { consultationId: number; sectionId?: number }, visible: CommentFilter, limit: number) {
  let select = selectComments(db)
    .innerJoin('sections', 'sections.id', 'comments.section_id')
    .select(['sections.slug as section_slug', 'sections.title as section_title'])
    .where(visible);
  select = where.sectionId === undefined ? select.where('comments.consultation_id', '=', where.consultationId) : select.where('comments.section_id', '=', where.sectionId);
  return select.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute();
}

/** Everyone who commented in a consultation (told when its outcome is published). */
export async function authorsIn(db: Db, consultationId: number): Promise<number[]> {
  const rows = await db.selectFrom('comments').select('author_id').distinct().where('consultation_id', '=', consultationId).where('author_id', 'is not', null).execute();
  return rows.map((row) => row.author_id!);
}

/** A person's own comments with where they are (their activity page and data download). */
export async function commentsByAuthor(db: Db, authorId: number) {
  return db
    .selectFrom('comments')
    .innerJoin('sections', 'sections.id', 'comments.section_id')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .select(['comments.id', 'comments.parent_id', 'comments.root_id', 'comments.kind', 'comments.body', 'comments.status', 'comments.created_at', 'comments.edited_at'])
    .select(['sections.slug as section_slug', 'sections.title as section_title', 'consultations.slug as consultation_slug'])
    .where('comments.author_id', '=', authorId)
    .orderBy('comments.id', 'desc')
    .execute();
}

/**
 * Published replies by others to these comments (each with its thread's top-level comment, where
 * the replies are found: there is no index by parent). Off the status index, SQLite read every
 * visible comment (46 ms for 67,000).
 */
export async function visibleRepliesTo(db: Db, parents: { id: number; root_id: number | null }[], exceptAuthor: number) {
  if (parents.length === 0) return [];
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select(['comments.id', 'comments.parent_id', 'comments.body', 'comments.created_at', 'users.display_name as author_display_name'])
    .where('comments.root_id', 'in', [...new Set(parents.map((parent) => parent.root_id ?? parent.id))])
    .where('comments.parent_id', 'in', parents.map((parent) => parent.id))
    .where(unindexed(db, 'comments.status'), '=', 'visible')
    .where((eb) => eb.or([eb('comments.author_id', 'is', null), eb('comments.author_id', '!=', exceptAuthor)]))
    .orderBy('comments.id', 'desc')
    .execute();
}

export async function endorsementsBy(db: Db, userId: number) {
  return db.selectFrom('endorsements').select(['comment_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/** Erasure: the person's comments lose their text and earlier versions and read as deleted. */
export async function eraseCommentsBy(db: Db, authorId: number): Promise<number> {
  const ids = (await db.selectFrom('comments').select('id').where('author_id', '=', authorId).execute()).map((row) => row.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('comment_versions').where('comment_id', 'in', ids).execute();
  await db.updateTable('comments').set({ body: '', html: '', normalized_body: '', status: 'deleted' }).where('id', 'in', ids).execute();
  return ids.length;
}
