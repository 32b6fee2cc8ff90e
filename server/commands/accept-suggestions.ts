import type { AcceptBody, AcceptResult } from '../contracts/suggestions';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { acceptedTextPreview, markAccepted, prepareAccept } from '../features/suggestions/suggestion-review.service';
import { publishRevision } from './publish-revision';
import { renderBeforeLock } from './render-before-lock';

/**
 * Accepts suggestions in place, in one transaction: suggestions merges them into the current text,
 * the revision is published (crediting the suggestion's author, re-anchoring comments), and
 * suggestions records the decision and finds the comments on the changed passages, which the
 * editor is offered to mark "addressed in version N".
 */
export async function acceptSuggestions(db: Db, viewer: CurrentUser | null, c: string, s: string, input: AcceptBody): Promise<AcceptResult> {
  await renderBeforeLock('ids', () => acceptedTextPreview(db, viewer, c, s, input));
  return writeTransaction(db, async (trx) => {
    const prepared = await prepareAccept(trx, viewer, c, s, input);
    const revision = await publishRevision(trx, { sectionId: prepared.sectionId, markdown: prepared.markdown, summary: prepared.summary, authorId: prepared.authorId });
    return { revision: revision.number, ...(await markAccepted(trx, prepared, revision)) };
  });
}
