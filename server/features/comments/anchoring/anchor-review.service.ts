import type { CommentView } from '../../../contracts/comments';
import type { AnchorReviewItem, RepointBody, SectionAnchorsPage } from '../../../contracts/revisions';
import { sectionChannel } from '../../../contracts/live';
import type { Db } from '../../../db/database';
import { now } from '../../../db/time';
import { writeTransaction } from '../../../db/write-transaction';
import { appendEvent } from '../../../events/event-log';
import type { Block } from '../../../markdown/render';
import { enforce } from '../../../platform/decisions';
import { badRequest, conflict } from '../../../platform/errors';
import type { CurrentUser } from '../../auth/current-user';
import { requireSection } from '../../consultations/consultations.service';
import { mayReviewAnchors } from '../../revisions/revisions.policy';
import { blocksOfRevisions } from '../../revisions/revisions.service';
import { listedFor } from '../comments.policy';
import { toCommentRecord } from '../comments.presenter';
import { endorsedBy, findComment } from '../comments.repository';
import { loadTarget, viewFor } from '../comments.service';
import { type AnchorPosition, type AnchorUpdate, listSectionAnchors, listUnsureAnchors, updateCommentAnchor } from './anchoring.repository';
import { anchorAt, lookAlikes, REVIEW_BELOW } from './reanchor';

/** A short list: "check these 3 comments", not a queue. */
const MAX_REVIEW = 20;
const CANDIDATES = 3;

export type AnchorReviewAction = { kind: 'confirm' } | { kind: 'orphan' } | ({ kind: 'repoint' } & RepointBody);

async function currentBlocks(db: Db, revisionId: number): Promise<Block[]> {
  return (await blocksOfRevisions(db, [revisionId])).get(revisionId)!;
}

/** A page of the bulk anchor read: large enough for most sections in one call, small enough to cost milliseconds. */
export const ANCHORS_PAGE = 500;
const MAX_ID = 2_147_483_647;

/** One page of the passage-anchored comments of a section the viewer may see, in the order of the text. */
export async function listSectionAnchorsFor(db: Db, viewer: CurrentUser | null, c: string, s: string, after?: string): Promise<SectionAnchorsPage> {
  const { section } = await requireSection(db, c, s);
  const rows = await listSectionAnchors(db, section.id, listedFor(viewer), after === undefined ? null : parseAnchorCursor(after), ANCHORS_PAGE + 1);
  const shown = rows.slice(0, ANCHORS_PAGE);
  const anchors = shown.flatMap((row) => {
    const comment = viewFor(viewer, toCommentRecord(row), false);
    return comment?.anchor ? [{ commentId: comment.id, anchor: comment.anchor }] : [];
  });
  const last = rows.length > ANCHORS_PAGE ? shown[ANCHORS_PAGE - 1]! : undefined;
  return { anchors, nextAfter: last ? `${last.block_index}.${last.anchor_start}.${last.id}` : null };
}

/** `nextAfter` as the route's schema admits it: block index, start offset and comment id. */
function parseAnchorCursor(cursor: string): AnchorPosition {
  const [blockIndex, start, id] = cursor.split('.').map(Number) as [number, number, number];
  if (id > MAX_ID) throw badRequest('That is not a `nextAfter` this API gave out.', 'after');
  return { blockIndex, start, id };
}

/** The comments re-anchoring placed with a score below REVIEW_BELOW that no editor has checked, least sure first. */
export async function listAnchorReview(db: Db, viewer: CurrentUser | null, c: string, s: string): Promise<AnchorReviewItem[]> {
  enforce(mayReviewAnchors(viewer));
  const { section } = await requireSection(db, c, s);
  const rows = await listUnsureAnchors(db, section.id, listedFor(viewer), REVIEW_BELOW, MAX_REVIEW);
  if (rows.length === 0) return [];
  const blocks = await currentBlocks(db, section.current_revision_id!);
  const endorsed = await endorsedBy(db, viewer!.id, rows.map((row) => row.id));
  return rows.flatMap((row) => {
    const comment = viewFor(viewer, toCommentRecord(row), endorsed.has(row.id));
    if (!comment?.anchor) return [];
    const here = { blockId: comment.anchor.blockId, start: comment.anchor.start, end: comment.anchor.end };
    const candidates = lookAlikes(comment.anchor.quote, blocks, CANDIDATES + 1)
      .filter((candidate) => candidate.blockId !== here.blockId || candidate.start !== here.start || candidate.end !== here.end)
      .slice(0, CANDIDATES)
      .map(({ blockId, exact, start, end }) => ({ blockId, exact, start, end }));
    return [{ comment, candidates }];
  });
}

/** An editor settles an unsure placement: keeps it, moves it to a passage of the current text, or orphans the comment. */
export async function reviewAnchor(db: Db, viewer: CurrentUser | null, id: number, action: AnchorReviewAction): Promise<CommentView> {
  enforce(mayReviewAnchors(viewer));
  const editor = viewer!;
  return writeTransaction(db, async (trx) => {
    const { row, place } = await loadTarget(trx, editor, id);
    if (row.block_id === null) throw conflict('no_passage', 'This comment does not point at a passage.');
    if (row.anchor_state === 'orphaned' && action.kind !== 'repoint') throw conflict('anchor_orphaned', 'This comment has already lost its passage.');
    const checked = { anchor_checked_by: editor.id, anchor_checked_at: now() };
    // The passage as written is kept once the anchor first leaves it (as re-anchoring does).
    const original =
      row.original_block_id === null ? { original_block_id: row.block_id, original_start: row.anchor_start, original_end: row.anchor_end } : {};
    let update: AnchorUpdate;
    if (action.kind === 'confirm') update = checked;
    else if (action.kind === 'orphan') update = { ...checked, ...original, anchor_state: 'orphaned', anchor_method: null, anchor_score: null };
    else {
      const { section } = await requireSection(trx, place.consultation_slug, place.section_slug);
      const blocks = await currentBlocks(trx, section.current_revision_id!);
      const index = blocks.findIndex((block) => block.id === action.blockId);
      const block = blocks[index];
      if (!block) throw badRequest('That passage is not in the current version of this section.', 'blockId');
      if (action.end <= action.start || action.end > block.text.length) throw badRequest(`start and end must mark text within the passage (0 to ${block.text.length}).`, 'end');
      const located = anchorAt(block, action.start, action.end);
      update = {
        ...checked,
        ...original,
        block_id: located.blockId,
        block_index: index,
        quote_exact: located.exact,
        quote_prefix: located.prefix,
        quote_suffix: located.suffix,
        anchor_start: located.start,
        anchor_end: located.end,
        anchor_state: 'moved',
        anchor_method: 'editor',
        anchor_score: 1,
      };
    }
    await updateCommentAnchor(trx, id, update);
    const record = toCommentRecord((await findComment(trx, id))!);
    // Same payload as every comment.* event, so the live channel filters it by the comment rule.
    await appendEvent(trx, sectionChannel(place.consultation_slug, place.section_slug), 'comment.anchor_checked', record);
    return viewFor(editor, record, (await endorsedBy(trx, editor.id, [id])).has(id))!;
  });
}
