import type { Db } from '../../db/database';
import type { CommentStatus } from '../../db/schema';

// Reads of `comment_counters` (top-level comments by section, kind, passage and status), which
// triggers keep (migration 0027): counts without scanning comments.

/** Top-level comments with these statuses by section and kind, over a consultation or one section. */
export async function countedByKind(db: Db, consultationId: number, statuses: CommentStatus[], sectionId?: number) {
  let select = db
    .selectFrom('comment_counters')
    .innerJoin('sections', 'sections.id', 'comment_counters.section_id')
    .select((eb) => ['comment_counters.section_id', 'comment_counters.kind', eb.fn.sum<number>('comment_counters.n').as('n')])
    .where('sections.consultation_id', '=', consultationId)
    .where('comment_counters.status', 'in', statuses);
  if (sectionId !== undefined) select = select.where('comment_counters.section_id', '=', sectionId);
  return select.groupBy(['comment_counters.section_id', 'comment_counters.kind']).execute();
}

/** Top-level comments with these statuses per passage (block id) of a section. */
export async function countedByBlock(db: Db, sectionId: number, statuses: CommentStatus[]) {
  return db
    .selectFrom('comment_counters')
    .select((eb) => ['block_id', eb.fn.sum<number>('n').as('n')])
    .where('section_id', '=', sectionId)
    .where('block_id', '!=', '')
    .where('status', 'in', statuses)
    .groupBy('block_id')
    .execute();
}

/** The person's own top-level comments with these statuses (few: read by author, not counted). */
export async function topLevelBy(db: Db, authorId: number, statuses: CommentStatus[]) {
  return db
    .selectFrom('comments')
    .select(['consultation_id', 'section_id', 'kind', 'block_id'])
    .where('author_id', '=', authorId)
    .where('status', 'in', statuses)
    .where('root_id', 'is', null)
    .execute();
}
