import type { CommentView } from '../../../contracts/comments';
import type { OrphanedComment } from '../../../contracts/revisions';
import type { Db } from '../../../db/database';
import { now } from '../../../db/time';
import { writeTransaction } from '../../../db/write-transaction';
import { appendEvent } from '../../../events/event-log';
import { sectionChannel } from '../../../contracts/live';
import type { Block } from '../../../markdown/render';
import { badRequest, conflict } from '../../../platform/errors';
import type { CurrentUser } from '../../auth/current-user';
import { enforce } from '../../../platform/decisions';
import { toCommentRecord } from '../comments.presenter';
import { type AnchoredCommentRow, type AnchorUpdate, listAddressedBy, listAnchoredComments, listCommentsOnPassage, listOrphanedComments, setAddressed, updateCommentAnchor } from './anchoring.repository';
import { endorsedBy, findComment } from '../comments.repository';
import { loadTarget, viewFor } from '../comments.service';
import { isListedFor, isReadableBy, listedFor } from '../comments.policy';
import { requireSection } from '../../consultations/consultations.service';
import { reanchorer } from './reanchor';
import { mayMarkAddressed } from '../../revisions/revisions.policy';
import { blocksOfRevisions, revisionByNumber } from '../../revisions/revisions.service';

/** How many comments a publish moved or orphaned, counting only those listed to everyone. */
export interface ReanchorCounts {
  moved: number;
  orphaned: number;
}

/** Orphaned comments shown per section (the oldest first). */
const MAX_ORPHANED = 200;

/**
 * Moves every anchored comment of a section from the blocks of the revision it replaced to those
 * of the new one, in the caller's transaction. An anchor is 'anchored' while it sits on exactly
 * the passage it was written on, 'moved' once found elsewhere or in reworded text, and 'orphaned'
 * when its quote is gone; an orphaned comment keeps its last known place, so it can come back if
 * a later revision (a revert, say) restores the text.
 */
export async function reanchorComments(trx: Db, sectionId: number, oldBlocks: readonly Block[], newBlocks: readonly Block[]): Promise<ReanchorCounts> {
  const counts: ReanchorCounts = { moved: 0, orphaned: 0 };
  const rows = await listAnchoredComments(trx, sectionId);
  if (rows.length === 0) return counts;
  const place = reanchorer(oldBlocks, newBlocks);
  const indexOf = new Map(newBlocks.map((block, index) => [block.id, index]));
  for (const row of rows) {
    const update = anchorUpdate(row, place, indexOf);
    if (!update) continue;
    await updateCommentAnchor(trx, row.id, update);
    if (!isListedFor(null, { status: row.status, authorId: row.author_id })) continue;
    // A change of block index alone (blocks added above) moves nothing on the page.
    const moved = update.anchor_state !== row.anchor_state || update.block_id !== row.block_id || update.anchor_start !== row.anchor_start || update.anchor_end !== row.anchor_end;
    if (update.anchor_state === 'orphaned') counts.orphaned += 1;
    else if (moved) counts.moved += 1;
  }
  return counts;
}

/** The new anchor columns of one comment, or undefined when nothing changed. */
function anchorUpdate(row: AnchoredCommentRow, place: ReturnType<typeof reanchorer>, indexOf: Map<string, number>): AnchorUpdate | undefined {
  const current = { blockId: row.block_id!, start: row.anchor_start ?? 0, end: row.anchor_end ?? 0 };
  const result = place({
    ...current,
    exact: row.quote_exact ?? '',
    quote: row.quote_posted ?? row.quote_exact ?? '',
    prefix: row.quote_prefix ?? '',
    suffix: row.quote_suffix ?? '',
    orphaned: row.anchor_state === 'orphaned',
  });
  // Until the anchor first changes, its own columns are the passage as written: keep a copy then.
  const original =
    row.original_block_id === null
      ? { original_block_id: current.blockId, original_start: current.start, original_end: current.end }
      : { original_block_id: row.original_block_id, original_start: row.original_start, original_end: row.original_end };
  if (result.state === 'orphaned') {
    return row.anchor_state === 'orphaned' ? undefined : { anchor_state: 'orphaned', anchor_method: null, anchor_score: null, ...unchecked, ...original };
  }
  const { blockId, start, end } = result;
  const state = blockId === original.original_block_id && start === original.original_start && end === original.original_end ? 'anchored' : 'moved';
  const blockIndex = indexOf.get(blockId) ?? null;
  // The block's index changes when blocks are added or removed above it ("position" order uses it).
  const samePlace = blockId === current.blockId && start === current.start && end === current.end && state === row.anchor_state;
  if (samePlace && blockIndex === row.block_index) return undefined;
  return {
    block_id: blockId,
    block_index: blockIndex,
    quote_exact: result.exact,
    quote_prefix: result.prefix,
    quote_suffix: result.suffix,
    anchor_start: start,
    anchor_end: end,
    anchor_state: state,
    // Staying put says nothing new about a placement an editor checked or that was sure before.
    ...(samePlace ? {} : { anchor_method: result.method, anchor_score: result.score, ...unchecked }),
    ...original,
  };
}

const unchecked = { anchor_checked_by: null, anchor_checked_at: null };

/** The orphaned comments of a section the viewer may see, each with the passage it was written on. */
export async function listOrphaned(db: Db, viewer: CurrentUser | null, c: string, s: string): Promise<OrphanedComment[]> {
  const { section } = await requireSection(db, c, s);
  const rows = await listOrphanedComments(db, section.id, listedFor(viewer), MAX_ORPHANED);
  const blocksOf = await blocksOfRevisions(db, [...new Set(rows.map((row) => row.revision_id))]);
  const endorsed = viewer ? await endorsedBy(db, viewer.id, rows.map((row) => row.id)) : new Set<number>();
  return rows.flatMap((row) => {
    const comment = viewFor(viewer, toCommentRecord(row), endorsed.has(row.id));
    if (!comment) return [];
    const blockId = row.original_block_id ?? row.block_id!;
    const start = row.original_start ?? row.anchor_start ?? 0;
    const end = row.original_end ?? row.anchor_end ?? 0;
    const block = blocksOf.get(row.revision_id)?.find((b) => b.id === blockId);
    // A tombstone does not give away the passage its hidden text was about.
    const exact = comment.author ? (block?.text.slice(start, end) ?? row.quote_exact ?? '') : '';
    return [{ comment, passage: { revision: row.revision_number, blockId, exact, start, end } }];
  });
}

/** Records that revision `revisionNumber` answered the comment (replacing an earlier mark). */
export async function markAddressed(db: Db, viewer: CurrentUser | null, id: number, revisionNumber: number): Promise<CommentView> {
  enforce(mayMarkAddressed(viewer));
  const editor = viewer!;
  return writeTransaction(db, async (trx) => {
    const { row, place } = await loadTarget(trx, editor, id);
    if (row.status !== 'visible') throw conflict('comment_removed', 'This comment has been removed, so it cannot be marked as addressed.');
    const revision = await revisionByNumber(trx, row.section_id, revisionNumber);
    if (!revision) throw badRequest(`There is no version ${revisionNumber} of this section.`, 'revision');
    if (revision.number <= row.revision_number) {
      throw badRequest(`Choose a version published after the comment was written (version ${row.revision_number}).`, 'revision');
    }
    await setAddressed(trx, id, { revisionId: revision.id, by: editor.id, at: now() });
    const record = toCommentRecord((await findComment(trx, id))!);
    // Same payload as every comment.* event, so the live channel filters it by the comment rule.
    await appendEvent(trx, sectionChannel(place.consultation_slug, place.section_slug), 'comment.addressed', record);
    return viewFor(editor, record, (await endorsedBy(trx, editor.id, [id])).has(id))!;
  });
}

/** How much of an addressed comment the outcome page quotes. */
const EXCERPT_LENGTH = 280;

/** Comments anyone may read that an editor marked as addressed by one of these revisions (for the outcome page). */
export async function addressedCommentsFor(db: Db, revisionIds: number[]) {
  const rows = (await listAddressedBy(db, revisionIds)).filter((row) => isReadableBy(null, { status: row.status, authorId: row.author_id }));
  return rows.map((row) => ({
    revisionId: row.addressed_revision_id!,
    id: row.id,
    kind: row.kind,
    excerpt: row.body.length > EXCERPT_LENGTH ? `${row.body.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : row.body,
    author: row.author_username ? { username: row.author_username, displayName: row.author_display_name ?? row.author_username } : null,
  }));
}

/** Published comments pointing at a passage of a block: those an accepted suggestion may have addressed. */
export async function commentsOnPassage(db: Db, sectionId: number, passage: { blockId: string; start: number; end: number }): Promise<number[]> {
  return listCommentsOnPassage(db, sectionId, passage);
}
