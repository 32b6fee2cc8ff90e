import type { CommentRecord } from '../../contracts/comments';
import type { NotificationKind } from '../../contracts/notifications';
import type { Db } from '../../db/database';
import type { LoggedEvent } from '../../events/event-log';
import { staffWithRoles } from '../auth/users.service';
import { commentAuthorsIn, commentById } from '../comments/comments.service';
import { consultationById } from '../consultations/consultations.service';
import type { ProposalRecord } from '../proposals/proposals.service';
import { followersOf } from './notifications.repository';
import type { NewNotification } from './notifications.service';

// Which events tell whom what. Each rule reads the committed event and the current rows; nobody
// is told about what they did themselves.

/** `consultation.outcome_published`, appended by the consultations feature when an outcome goes out. */
export const OUTCOME_PUBLISHED = 'consultation.outcome_published';

const EXCERPT = 160;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);

/** `section:<c>/<s>` → the section page's path. */
function sectionPath(channel: string): string {
  const match = channel.match(/^section:([^/]+)\/(.+)$/);
  return match ? `/c/${match[1]}/${match[2]}` : '/';
}

type Rule = (db: Db, event: LoggedEvent) => Promise<NewNotification[]>;

const to = (userIds: (number | null | undefined)[], kind: NotificationKind, title: string, body: string, link: string, excerptText?: string): NewNotification[] =>
  userIds.filter((id): id is number => typeof id === 'number').map((userId) => ({ userId, kind, title, body, link, ...(excerptText ? { excerpt: excerptText } : {}) }));

/** A published comment (new, or approved from the queue): its parent's author, the thread's, followers. */
const commentPublished: Rule = async (db, event) => {
  const record = event.data as CommentRecord;
  const row = await commentById(db, record.id);
  if (!row || row.status !== 'visible') return [];
  const who = record.author?.displayName ?? 'Someone';
  const link = `${sectionPath(event.channel)}#comment-${record.id}`;
  const body = excerpt(record.body);
  const items: NewNotification[] = [];
  if (row.root_id !== null) {
    const parent = record.parentId === null ? undefined : await commentById(db, record.parentId);
    const root = row.root_id === parent?.id ? parent : await commentById(db, row.root_id);
    if (record.official) items.push(...to([root?.author_id], 'official_response', `${who} gave an official response in your thread`, '', link, body));
    items.push(...to([parent?.author_id], 'comment_reply', `${who} replied to your comment`, '', link, body));
    const followed = root?.kind === 'question' ? `${who} answered a question you follow` : `${who} replied in a thread you follow`;
    items.push(...to(await followersOf(db, 'thread', row.root_id), 'followed_activity', followed, '', link, body));
  } else {
    items.push(...to(await followersOf(db, 'section', row.section_id), 'followed_activity', `${who} commented on a section you follow`, '', link, body));
  }
  return items.filter((item) => item.userId !== record.authorId);
};

const commentModerated: Rule = async (_db, event) => {
  const record = event.data as CommentRecord;
  const hidden = event.type === 'comment.hidden';
  const title = hidden ? 'A moderator hid your comment' : 'A moderator restored your comment';
  const reason = hidden && record.hiddenReason ? `Reason: ${record.hiddenReason}` : '';
  return to([record.authorId], 'comment_moderated', title, reason, `${sectionPath(event.channel)}#comment-${record.id}`);
};

const proposalDecided: Rule = async (_db, event) => {
  const record = event.data as ProposalRecord;
  const merged = event.type === 'proposal.merged';
  const title = merged ? 'Your proposal was merged' : 'Your proposal was not accepted';
  const note = record.decisionNote ? `Editor’s note: ${record.decisionNote}` : '';
  return to([record.authorId], 'proposal_decided', title, note, `/p/${record.id}`, excerpt(record.summary));
};

const proposalWaiting: Rule = async (db, event) => {
  const record = event.data as ProposalRecord;
  const editors = (await staffWithRoles(db, ['editor'])).filter((id) => id !== record.authorId);
  return to(editors, 'staff_proposals', 'A new proposal is waiting for review', '', `/p/${record.id}`, excerpt(record.summary));
};

const reportWaiting: Rule = async (db, event) => {
  const data = event.data as { commentId: number; reports: number };
  // One notice per reported comment; further reports of it are in the queue's count.
  if (data.reports !== 1) return [];
  return to(await staffWithRoles(db, ['moderator']), 'staff_reports', 'A comment was reported', 'It is waiting in the moderation queue.', '/moderation');
};

const outcomePublished: Rule = async (db, event) => {
  const consultation = await consultationById(db, (event.data as { consultationId: number }).consultationId);
  if (!consultation) return [];
  const title = `The outcome of “${consultation.title}” is published`;
  return to(await commentAuthorsIn(db, consultation.id), 'outcome_published', title, 'Read what was decided and why.', `/c/${consultation.slug}`);
};

const RULES: Record<string, Rule> = {
  'comment.created': commentPublished,
  'comment.approved': commentPublished,
  'comment.hidden': commentModerated,
  'comment.restored': commentModerated,
  'proposal.merged': proposalDecided,
  'proposal.rejected': proposalDecided,
  'proposal.opened': proposalWaiting,
  'report.created': reportWaiting,
  [OUTCOME_PUBLISHED]: outcomePublished,
};

/** The rule for an event type, or undefined when it tells nobody anything. */
export const ruleFor = (type: string): Rule | undefined => RULES[type];
