import type { CommentCounts } from '../../contracts/comments';
import type { Db } from '../../db/database';
import type { CurrentUser } from '../auth/current-user';
import { countByKind, countByQuestion } from './comments.repository';
import { readableBy } from './comments.policy';

export function emptyCounts(): CommentCounts {
  return { support: 0, object: 0, question: 0, suggestion: 0, evidence: 0, general: 0, total: 0 };
}

/**
 * Top-level comments the viewer can read, by kind: over the consultation (or one section) and per
 * section id. Replies are conversation, not responses, so they are not counted.
 */
export async function commentCountsFor(db: Db, viewer: CurrentUser | null, consultationId: number, sectionId?: number) {
  const overall = emptyCounts();
  const bySection = new Map<number, CommentCounts>();
  for (const row of await countByKind(db, consultationId, readableBy(viewer), sectionId)) {
    const n = Number(row.n);
    const section = bySection.get(row.section_id) ?? emptyCounts();
    bySection.set(row.section_id, section);
    for (const counts of [overall, section]) {
      counts[row.kind] += n;
      counts.total += n;
    }
  }
  return { overall, bySection };
}

/** Answers the viewer can read, per question id (questions nobody answered are absent). */
export async function answerCountsFor(db: Db, viewer: CurrentUser | null, consultationId: number): Promise<Map<number, number>> {
  return new Map((await countByQuestion(db, consultationId, readableBy(viewer))).map((row) => [row.question_id!, Number(row.n)]));
}
