import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import { unindexed } from '../../db/unindexed';
import type { Database } from '../../db/schema';

// Read-only aggregations for the editors' dashboard. Lists hold only what everyone may read (editors
// are not moderators: hidden and pending text stays out). Portable SQL (SQLite and PostgreSQL): days are
// the first ten characters of the ISO timestamps, counts are converted from bigint by the caller.

/** Items listed per panel. */
const LIST = 10;

type Comments = ExpressionBuilder<Database, 'comments'>;
/** A response: a top-level comment that was not deleted (waiting and hidden ones were still received). */
const isResponse = (eb: Comments) => eb.and([eb('comments.root_id', 'is', null), eb('comments.status', '!=', 'deleted')]);

const day = sql<string>`substr(comments.created_at, 1, 10)`;

/** Responses per day (by section, kind and question they come from the comments feature's counts). */
export function responsesByDay(db: Db, consultationId: number) {
  // A covering read of comments_consultation_counts (created_at is its last column, migration 0030).
  return db.selectFrom('comments').where('comments.consultation_id', '=', consultationId).where(isResponse).select([day.as('day'), (eb) => eb.fn.countAll().as('n')]).groupBy(day).orderBy(day).execute();
}

/** The columns of a comment reference (where it is, its kind, its first words, who and when). */
function selectCommentRefs(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('sections', 'sections.id', 'comments.section_id')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.kind',
      'comments.body',
      'comments.created_at',
      'comments.endorsement_count',
      'comments.report_count',
      'sections.slug as section_slug',
      'sections.title as section_title',
      'users.display_name as author',
    ]);
}

export type CommentRefRow = Awaited<ReturnType<ReturnType<typeof selectCommentRefs>['executeTakeFirstOrThrow']>>;

type Condition = (eb: Comments) => ReturnType<Comments['and']>;

/** Up to LIST comments meeting `where` (the consultation's, each panel says how), in the panel's order. */
function listOf(db: Db, where: Condition, order: 'oldest' | 'endorsed' | 'reported') {
  const query = selectCommentRefs(db).where(where);
  const ordered =
    order === 'oldest'
      ? query.orderBy('comments.created_at').orderBy('comments.id')
      : query.orderBy(order === 'endorsed' ? 'comments.endorsement_count' : 'comments.report_count', 'desc').orderBy('comments.id');
  return ordered.limit(LIST).execute();
}

/** A list and its total under one condition. */
async function listed(db: Db, where: Condition, order: 'oldest' | 'reported') {
  const [items, total] = await Promise.all([
    listOf(db, where, order),
    db.selectFrom('comments').select((eb) => eb.fn.countAll().as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** "Question" comments without a reply from staff (editor, moderator, admin) or an official one. */
export function unansweredQuestions(db: Db, consultationId: number) {
  return listed(
    db,
    (eb) =>
      eb.and([
        eb('comments.consultation_id', '=', consultationId),
        eb('comments.root_id', 'is', null),
        eb('comments.kind', '=', 'question'),
        eb('comments.status', '=', 'visible'),
        eb.not(
          eb.exists(
            eb
              .selectFrom('comments as reply')
              .leftJoin('users as replier', 'replier.id', 'reply.author_id')
              .select('reply.id')
              // The consultation is implied, but naming it lets the planner probe a thread through
              // comments_consultation_counts: with only root_id and status, SQLite without statistics
              // took the status index and scanned every visible comment for each question (minutes on
              // a 67,000-comment consultation).
              .whereRef('reply.consultation_id', '=', 'comments.consultation_id')
              .whereRef('reply.root_id', '=', 'comments.id')
              .where('reply.status', '=', 'visible')
              .where((r) => r.or([r('reply.official', '=', 1), r('replier.role', 'in', ['editor', 'moderator', 'admin'])])),
          ),
        ),
      ]),
    'oldest',
  );
}

/**
 * Orphaned comments are few: found through comments_section_anchor_state, section by section.
 * SQLite, with no statistics, would take the consultation or status index and read every visible
 * comment (47 ms a query for 67,000).
 */
export function orphanedComments(db: Db, consultationId: number) {
  return listed(
    db,
    (eb) =>
      eb.and([
        eb('comments.section_id', 'in', eb.selectFrom('sections as scope').select('scope.id').where('scope.consultation_id', '=', consultationId)),
        eb('comments.anchor_state', '=', 'orphaned'),
        eb(unindexed(db, 'comments.status'), '=', 'visible'),
      ]),
    'oldest',
  );
}

export function mostEndorsed(db: Db, consultationId: number) {
  return listOf(
    db,
    (eb) => eb.and([eb('comments.consultation_id', '=', consultationId), eb('comments.status', '=', 'visible'), eb('comments.endorsement_count', '>', 0)]),
    'endorsed',
  );
}

/** Comments with open reports, and the open reports on the consultation's comments in all. */
export async function reportedComments(db: Db, consultationId: number) {
  const [{ items }, total] = await Promise.all([
    // Reported comments are few: found through comments_reported, not the consultation's comments.
    listed(
      db,
      (eb) => eb.and([eb('comments.report_count', '>', 0), eb(unindexed(db, 'comments.consultation_id'), '=', consultationId), eb(unindexed(db, 'comments.status'), '=', 'visible')]),
      'reported',
    ),
    db
      .selectFrom('reports')
      .innerJoin('comments', 'comments.id', 'reports.comment_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('comments.consultation_id', '=', consultationId)
      .where('reports.status', '=', 'open')
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Open proposals, the longest waiting first. */
export async function waitingProposals(db: Db, consultationId: number) {
  const open = (qb: ReturnType<typeof fromProposals>) => qb.where('sections.consultation_id', '=', consultationId).where('proposals.status', '=', 'open').where('proposals.moderation', '=', 'visible');
  const [items, total] = await Promise.all([
    open(fromProposals(db))
      .leftJoin('users', 'users.id', 'proposals.author_id')
      .select(['proposals.id', 'proposals.summary', 'proposals.submitted_at', 'proposals.created_at', 'sections.slug as section_slug', 'sections.title as section_title', 'users.display_name as author'])
      .orderBy((eb) => eb.fn.coalesce('proposals.submitted_at', 'proposals.created_at'))
      .orderBy('proposals.id')
      .limit(LIST)
      .execute(),
    open(fromProposals(db)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

function fromProposals(db: Db) {
  return db.selectFrom('proposals').innerJoin('sections', 'sections.id', 'proposals.section_id');
}
