import type { Activity, DeleteAccountBody } from '../contracts/personal-data';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import { accountData, anonymiseAccount, requireCurrentPassword } from '../features/auth/account.service';
import type { CurrentUser } from '../features/auth/current-user';
import { commentsByAuthor, endorsementsBy, eraseCommentsBy, visibleRepliesTo } from '../features/comments/comments.service';
import { forgetMailTo } from '../features/mail/mail.service';
import { logAction } from '../features/moderation/moderation-log.service';
import { forgetNotifications, notificationData } from '../features/notifications/notifications.service';
import { eraseProposalWorkBy, proposalCommentsByAuthor, proposalsByAuthor } from '../features/proposals/proposals.service';

// A person's rights over their data (UK GDPR access and erasure), across the features that hold it.

const EXCERPT = 200;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);
const LIST_LIMIT = 200;

/** My comments, the replies they got, my proposals and endorsements (newest first). */
export async function myActivity(db: Db, user: CurrentUser): Promise<Activity> {
  const comments = await commentsByAuthor(db, user.id);
  const shown = comments.filter((c) => c.status !== 'deleted').slice(0, LIST_LIMIT);
  const pathOf = new Map(shown.map((c) => [c.id, `/c/${c.consultation_slug}/${c.section_slug}`]));
  const replies = await visibleRepliesTo(db, shown, user.id);
  return {
    comments: shown.map((c) => ({
      id: c.id,
      kind: c.kind,
      excerpt: excerpt(c.body),
      status: c.status,
      createdAt: c.created_at,
      link: `${pathOf.get(c.id)}#comment-${c.id}`,
      place: { consultation: c.consultation_slug, section: c.section_slug, sectionTitle: c.section_title },
    })),
    replies: replies.slice(0, LIST_LIMIT).map((r) => ({
      id: r.id,
      toCommentId: r.parent_id!,
      author: r.author_display_name ?? 'Deleted account',
      excerpt: excerpt(r.body),
      createdAt: r.created_at,
      link: `${pathOf.get(r.parent_id!)}#comment-${r.id}`,
    })),
    proposals: (await proposalsByAuthor(db, user.id)).slice(0, LIST_LIMIT).map((p) => ({ id: p.id, summary: p.summary, status: p.status, createdAt: p.created_at, link: `/p/${p.id}` })),
    endorsements: (await endorsementsBy(db, user.id)).slice(0, LIST_LIMIT).map((e) => ({ commentId: e.comment_id, createdAt: e.created_at })),
  };
}

/** Everything held about me, in full, as one JSON document. */
export async function exportMyData(db: Db, user: CurrentUser) {
  return {
    exportedAt: new Date().toISOString(),
    account: await accountData(db, user),
    comments: await commentsByAuthor(db, user.id),
    endorsements: await endorsementsBy(db, user.id),
    proposals: await proposalsByAuthor(db, user.id),
    proposalComments: await proposalCommentsByAuthor(db, user.id),
    ...(await notificationData(db, user.id)),
  };
}

/**
 * Deletes my account: personal data goes, comments stay as by "Deleted account" (or lose their
 * text if I choose), and the public moderation log records that an account was deleted, without
 * its name.
 */
export async function deleteMyAccount(db: Db, user: CurrentUser, input: DeleteAccountBody): Promise<void> {
  await requireCurrentPassword(db, user.id, input.currentPassword);
  await writeTransaction(db, async (trx) => {
    const removed = input.removeComments ? await eraseCommentsBy(trx, user.id) : 0;
    await eraseProposalWorkBy(trx, user.id, input.removeComments);
    await forgetNotifications(trx, user.id);
    const email = await anonymiseAccount(trx, user.id);
    if (email) await forgetMailTo(trx, email);
    const reason = input.removeComments ? `Deleted by its owner, with ${removed} comment(s) removed.` : 'Deleted by its owner; comments kept as by “Deleted account”.';
    await logAction(trx, null, { action: 'delete-account', reason });
  });
}
