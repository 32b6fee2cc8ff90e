import type { PublicUser } from '../../contracts/auth';
import type { BlockAccountBody, BlockAccountResponse } from '../../contracts/moderation';
import type { Db } from '../../db/database';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { MODERATION_CHANNEL } from '../../contracts/live';
import { notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { accountById, presentUser, toCurrentUser } from '../auth/users.service';
import { blockUser, unblockUser } from '../auth/users.service';
import { loadTarget } from '../comments/comments.service';
import { logAction } from './moderation-log.service';
import { hideProposalContentOf } from './proposal-moderation.service';
import { mayBlock, mayModerate } from './moderation.policy';
import { commentsToHide } from './moderation.repository';
import { applyAction, publicText, QUEUE_CHANGED } from './moderation.service';

async function requireAccount(db: Db, viewer: CurrentUser | null, id: number) {
  const account = await accountById(db, id);
  if (!account) throw notFound('Account');
  enforce(mayBlock(viewer, account));
  return account;
}

async function publicAccount(db: Db, id: number): Promise<PublicUser> {
  return presentUser(toCurrentUser((await accountById(db, id))!));
}

/**
 * Blocks an account (signed out everywhere, read-only from now on) and, with `hideAll`, hides
 * every comment, proposal and proposal comment of theirs that others can read or that waits for
 * approval, with the same reason. `hidden` counts all of them.
 */
export async function blockAccount(db: Db, viewer: CurrentUser | null, id: number, input: BlockAccountBody): Promise<BlockAccountResponse> {
  enforce(mayModerate(viewer));
  const reason = publicText(input.reason, 'reason', 'Enter the reason for blocking this account.');
  return writeTransaction(db, async (trx) => {
    await requireAccount(trx, viewer, id);
    await blockUser(trx, id, reason);
    await logAction(trx, viewer, { action: 'block', userId: id, reason });
    const ids = input.hideAll ? await commentsToHide(trx, id) : [];
    for (const commentId of ids) await applyAction(trx, viewer, await loadTarget(trx, viewer, commentId), 'hide', reason);
    if (ids.length > 0) await appendEvent(trx, MODERATION_CHANNEL, QUEUE_CHANGED, { commentIds: ids });
    const inProposals = input.hideAll ? await hideProposalContentOf(trx, viewer, id, reason) : 0;
    return { user: await publicAccount(trx, id), hidden: ids.length + inProposals };
  });
}

/** Lets the account take part again; comments hidden with the block stay hidden. */
export async function unblockAccount(db: Db, viewer: CurrentUser | null, id: number): Promise<{ user: PublicUser }> {
  enforce(mayModerate(viewer));
  return writeTransaction(db, async (trx) => {
    await requireAccount(trx, viewer, id);
    await unblockUser(trx, id);
    await logAction(trx, viewer, { action: 'unblock', userId: id });
    return { user: await publicAccount(trx, id) };
  });
}
