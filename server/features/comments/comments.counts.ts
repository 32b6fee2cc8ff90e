import type { CommentCounts } from '../../contracts/comments';
import type { Db } from '../../db/database';
import type { CurrentUser } from '../auth/current-user';
import { countedByBlock, countedByKind, topLevelBy } from './comment-counters.repository';
import { type CommentFilter, countByQuestion } from './comments.repository';
import { countedFor, readableBy } from './comments.policy';

export function emptyCounts(): CommentCounts {
  return { support: 0, object: 0, question: 0, suggestion: 0, evidence: 0, general: 0, total: 0 };
}

/** The viewer's own pending and hidden top-level comments, which count for them alone. */
async function ownUnpublished(db: Db, viewer: CurrentUser | null) {
  const { ownUnpublished } = countedFor(viewer);
  return viewer && ownUnpublished.length > 0 ? topLevelBy(db, viewer.id, ownUnpublished) : [];
}

/**
 * Top-level comments the viewer can read, by kind: over the consultation (or one section) and per
 * section id. Replies are conversation, not responses, so they are not counted. Read from the
 * maintained counters, plus the viewer's own unpublished comments.
 */
export async function commentCountsFor(db: Db, viewer: CurrentUser | null, consultationId: number, sectionId?: number) {
  const tally = countsTally();
  for (const row of await countedByKind(db, consultationId, countedFor(viewer).statuses, sectionId)) tally.add(row, Number(row.n));
  for (const row of await ownUnpublished(db, viewer)) if (row.consultation_id === consultationId && (sectionId === undefined || row.section_id === sectionId)) tally.add(row, 1);
  return { overall: tally.overall, bySection: tally.bySection };
}

/** Counts by kind over everything added and per section id. */
function countsTally() {
  const overall = emptyCounts();
  const bySection = new Map<number, CommentCounts>();
  const add = (row: { section_id: number; kind: keyof CommentCounts }, n: number) => {
    const section = bySection.get(row.section_id) ?? emptyCounts();
    bySection.set(row.section_id, section);
    for (const counts of [overall, section]) {
      counts[row.kind] += n;
      counts.total += n;
    }
  };
  return { overall, bySection, add };
}

/** What the editors' dashboard counts as received: every comment but deleted ones, whoever asks. */
const notDeleted: CommentFilter = (eb) => eb('comments.status', '!=', 'deleted');

/** Top-level comments received, by kind over the consultation and per section id, for the editors' dashboard. */
export async function receivedCounts(db: Db, consultationId: number) {
  const tally = countsTally();
  for (const row of await countedByKind(db, consultationId, ['visible', 'pending', 'hidden'])) tally.add(row, Number(row.n));
  return { overall: tally.overall, bySection: tally.bySection };
}

/** Answers received per question id, for the editors' dashboard. */
export async function receivedAnswerCounts(db: Db, consultationId: number): Promise<Map<number, number>> {
  return new Map((await countByQuestion(db, consultationId, notDeleted)).map((row) => [row.question_id!, Number(row.n)]));
}

/** Top-level comments the viewer can read per passage (block id) of a section. */
export async function blockCountsFor(db: Db, viewer: CurrentUser | null, sectionId: number): Promise<Record<string, number>> {
  const byBlock: Record<string, number> = {};
  // Counters stay at 0 once their last comment moves on; a passage with none is left out.
  for (const row of await countedByBlock(db, sectionId, countedFor(viewer).statuses)) if (Number(row.n) > 0) byBlock[row.block_id] = Number(row.n);
  for (const row of await ownUnpublished(db, viewer)) if (row.section_id === sectionId && row.block_id) byBlock[row.block_id] = (byBlock[row.block_id] ?? 0) + 1;
  return byBlock;
}

/** Answers the viewer can read, per question id (questions nobody answered are absent). */
export async function answerCountsFor(db: Db, viewer: CurrentUser | null, consultationId: number): Promise<Map<number, number>> {
  return new Map((await countByQuestion(db, consultationId, readableBy(viewer))).map((row) => [row.question_id!, Number(row.n)]));
}
