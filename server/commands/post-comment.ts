import type { Config } from '../config';
import type { CreateCommentBody } from '../contracts/comments';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { placeOnArrival, responseSignature } from '../features/analysis/campaign-arrival.service';
import { createCommentIn } from '../features/comments/comments.service';

/**
 * A comment posted on a section; a response (top-level, visible) also joins its campaign in the
 * same transaction, so readers never see it ungrouped. The MinHash signature is computed before
 * the transaction opens: inside it are only the index look-up and a few small writes.
 */
export async function postComment(db: Db, viewer: CurrentUser | null, c: string, s: string, input: CreateCommentBody, rules: Pick<Config, 'premoderationAccountAgeHours'>) {
  const sig = input.parentId === undefined ? responseSignature(input.body) : null;
  return writeTransaction(db, async (trx) => {
    const { view, response } = await createCommentIn(trx, viewer, c, s, input, rules);
    if (sig) await placeOnArrival(trx, response, sig);
    return view;
  });
}
