import type { Updateable } from 'kysely';
import type { Db } from '../../../db/database';
import type { CommentsTable } from '../../../db/schema';
import { type CommentFilter, type CommentWithAuthor, inReadingOrder, selectComments } from '../comments.repository';

// The comment-side SQL of re-anchoring and of "addressed in revision N"; the rules live in
// anchoring.service.ts.

/** Every comment of a section that points at a passage, orphaned ones included (a later revision may restore their text). */
export async function listAnchoredComments(db: Db, sectionId: number) {
  return db
    .selectFrom('comments')
    .select([
      'id',
      'status',
      'author_id',
      'block_id',
      'block_index',
      'quote_exact',
      'quote_prefix',
      'quote_suffix',
      'quote_posted',
      'anchor_start',
      'anchor_end',
      'anchor_state',
      'original_block_id',
      'original_start',
      'original_end',
      'anchor_method',
      'anchor_score',
    ])
    .where('section_id', '=', sectionId)
    .where('block_id', 'is not', null)
    .orderBy('id')
    .execute();
}

export type AnchoredCommentRow = Awaited<ReturnType<typeof listAnchoredComments>>[number];

export type AnchorUpdate = Pick<
  Updateable<CommentsTable>,
  | 'block_id'
  | 'block_index'
  | 'quote_exact'
  | 'quote_prefix'
  | 'quote_suffix'
  | 'anchor_start'
  | 'anchor_end'
  | 'anchor_state'
  | 'original_block_id'
  | 'original_start'
  | 'original_end'
  | 'anchor_method'
  | 'anchor_score'
  | 'anchor_checked_by'
  | 'anchor_checked_at'
>;

export async function updateCommentAnchor(db: Db, id: number, values: AnchorUpdate): Promise<void> {
  await db.updateTable('comments').set(values).where('id', '=', id).execute();
}

/** A section's orphaned comments that the filter admits, oldest first, at most `limit`. */
export async function listOrphanedComments(db: Db, sectionId: number, visible: CommentFilter, limit: number): Promise<CommentWithAuthor[]> {
  return selectComments(db)
    .where('comments.section_id', '=', sectionId)
    .where('comments.anchor_state', '=', 'orphaned')
    .where(visible)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(limit)
    .execute();
}

export async function setAddressed(db: Db, id: number, values: { revisionId: number; by: number; at: string }): Promise<void> {
  await db
    .updateTable('comments')
    .set({ addressed_revision_id: values.revisionId, addressed_by: values.by, addressed_at: values.at })
    .where('id', '=', id)
    .execute();
}

/** A section's placed comments that the filter admits and whose placement scored below `below`, unchecked; least sure first. */
export async function listUnsureAnchors(db: Db, sectionId: number, visible: CommentFilter, below: number, limit: number): Promise<CommentWithAuthor[]> {
  return selectComments(db)
    .where('comments.section_id', '=', sectionId)
    // Named, not "not orphaned": comments_section_anchor_state then holds only the anchored ones,
    // where SQLite otherwise read every comment of the section (84 ms for 67,000).
    .where('comments.anchor_state', 'in', ['anchored', 'moved'])
    .where('comments.anchor_score', '<', below)
    .where('comments.anchor_checked_at', 'is', null)
    .where(visible)
    .orderBy('comments.anchor_score')
    .orderBy('comments.id')
    .limit(limit)
    .execute();
}

/** Where a page of a section's anchors ends, in text order. */
export interface AnchorPosition {
  blockIndex: number;
  start: number;
  id: number;
}

/**
 * Up to `limit` passage-anchored comments of a section after `after`, in the order of the text.
 * Only top-level comments carry a passage; `root_id` leads the order so both engines read it off
 * comments_section_position instead of sorting the section.
 */
export async function listSectionAnchors(db: Db, sectionId: number, visible: CommentFilter, after: AnchorPosition | null, limit: number): Promise<CommentWithAuthor[]> {
  let select = selectComments(db)
    .where('comments.section_id', '=', sectionId)
    .where('comments.root_id', 'is', null)
    .where('comments.block_id', 'is not', null)
    .where('comments.block_index', 'is not', null)
    .where(visible);
  if (after) {
    select = select.where((eb) =>
      eb(eb.refTuple('comments.block_index', 'comments.anchor_start', 'comments.id'), '>', eb.tuple(after.blockIndex, after.start, after.id)),
    );
  }
  return inReadingOrder(select).limit(limit).execute();
}

/**
 * Every comment marked "addressed" by these revisions, oldest first: few, found through
 * comments_addressed_revision. The caller applies the reading rule; given it as SQL, SQLite (no
 * statistics) took the status index and read every visible comment (50 ms for 67,000).
 */
export async function listAddressedBy(db: Db, revisionIds: number[]): Promise<CommentWithAuthor[]> {
  if (revisionIds.length === 0) return [];
  return selectComments(db).where('comments.addressed_revision_id', 'in', revisionIds).orderBy('comments.id').execute();
}

/** Visible comments anchored in block `blockId` on text touching [start, end) (an insertion point: the passage around it). */
export async function listCommentsOnPassage(db: Db, sectionId: number, passage: { blockId: string; start: number; end: number }): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('section_id', '=', sectionId)
    .where('status', '=', 'visible')
    .where('block_id', '=', passage.blockId)
    // Only top-level comments have a passage. Saying so lets SQLite, which keeps no statistics,
    // read the passage off comments_section_block instead of every visible comment of the
    // section through (section_id, status): 105 → 3 ms on a 67,000-comment section.
    .where('root_id', 'is', null)
    .where('anchor_state', '!=', 'orphaned')
    .where('anchor_start', '<=', passage.end)
    .where('anchor_end', '>=', passage.start)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
