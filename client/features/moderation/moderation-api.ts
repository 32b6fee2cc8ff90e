import type { PublicUser } from '../../../server/contracts/auth';
import type { CommentView } from '../../../server/contracts/comments';
import type {
  BlockAccountResponse,
  BulkAction,
  ModeratedResponse,
  ModerationAction,
  ModerationLog,
  ModerationQueue,
  ProposalQueue,
  ProposalTarget,
  ReportReason,
  SectionCommentsState,
} from '../../../server/contracts/moderation';
import { api } from '../../api/api-client';

// The moderation API, one function per call.

export async function reportComment(id: number, reason: ReportReason, note: string): Promise<void> {
  await api(`/api/comments/${id}/report`, { method: 'POST', body: { reason, ...(note.trim() ? { note } : {}) } });
}

/** `/api/proposals/:id/…` or `/api/proposal-comments/:id/…`. */
const proposalContentUrl = (target: ProposalTarget, id: number): string => `/api/${target === 'proposal' ? 'proposals' : 'proposal-comments'}/${id}`;

export async function reportProposalContent(target: ProposalTarget, id: number, reason: ReportReason, note: string): Promise<void> {
  await api(`${proposalContentUrl(target, id)}/report`, { method: 'POST', body: { reason, ...(note.trim() ? { note } : {}) } });
}

/** A moderator hides (with a public reason), restores, approves, or dismisses the reports on a proposal or proposal comment. */
export function moderateProposalContent(target: ProposalTarget, id: number, action: BulkAction, reason?: string): Promise<ModeratedResponse> {
  return api<ModeratedResponse>(`${proposalContentUrl(target, id)}/${action}`, { method: 'POST', body: reason === undefined ? undefined : { reason } });
}

export function getProposalQueue(page: number, signal?: AbortSignal): Promise<ProposalQueue> {
  return api<ProposalQueue>(`/api/moderation/proposal-queue?page=${page}`, { signal });
}

/** Hide (`{reason}`), restore, close the thread (`{note}`) or reopen it. */
export async function moderateComment(id: number, action: 'hide' | 'restore' | 'close' | 'reopen', body?: { reason: string } | { note: string }): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${id}/${action}`, { method: 'POST', body })).comment;
}

export async function moderateComments(commentIds: number[], action: BulkAction, reason?: string): Promise<CommentView[]> {
  return (await api<{ comments: CommentView[] }>('/api/moderation/actions', { method: 'POST', body: { commentIds, action, ...(reason ? { reason } : {}) } })).comments;
}

/** Closes a section's comments with a note, or reopens them (`note` null). */
export function setSectionComments(consultation: string, section: string, note: string | null): Promise<SectionCommentsState> {
  const url = `/api/consultations/${consultation}/sections/${section}/${note === null ? 'reopen' : 'close'}-comments`;
  return api<SectionCommentsState>(url, { method: 'POST', body: note === null ? undefined : { note } });
}

export function getQueue(page: number, signal?: AbortSignal): Promise<ModerationQueue> {
  return api<ModerationQueue>(`/api/moderation/queue?page=${page}`, { signal });
}

export function blockAccount(id: number, reason: string, hideAll: boolean): Promise<BlockAccountResponse> {
  return api<BlockAccountResponse>(`/api/moderation/users/${id}/block`, { method: 'POST', body: { reason, hideAll } });
}

export async function unblockAccount(id: number): Promise<PublicUser> {
  return (await api<{ user: PublicUser }>(`/api/moderation/users/${id}/unblock`, { method: 'POST' })).user;
}

export function getLog(page: number, signal?: AbortSignal): Promise<ModerationLog> {
  return api<ModerationLog>(`/api/moderation/log?page=${page}`, { signal });
}

/** Plain-language report reasons, in the order they are offered. */
export const REPORT_REASONS: { reason: ReportReason; label: string; hint: string }[] = [
  { reason: 'spam', label: 'Spam', hint: 'Advertising, or the same text posted again and again.' },
  { reason: 'abuse', label: 'Abuse', hint: 'Insults, threats, hate, or someone’s private details.' },
  { reason: 'off-topic', label: 'Off-topic', hint: 'Not about this consultation.' },
  { reason: 'duplicate', label: 'Duplicate', hint: 'Someone has already said this.' },
  { reason: 'other', label: 'Something else', hint: 'Tell us what is wrong below.' },
];

export const REASON_LABELS = Object.fromEntries(REPORT_REASONS.map((r) => [r.reason, r.label])) as Record<ReportReason, string>;

/** What each logged action means, as the public log says it. */
export const ACTION_LABELS: Record<ModerationAction, string> = {
  hide: 'Hid a comment',
  'auto-hide': 'Hid a comment after several reports',
  restore: 'Restored a comment',
  approve: 'Approved a comment',
  'dismiss-reports': 'Dismissed reports about a comment',
  'close-thread': 'Closed a thread',
  'reopen-thread': 'Reopened a thread',
  'close-section': 'Closed comments on a section',
  'reopen-section': 'Reopened comments on a section',
  block: 'Blocked an account',
  unblock: 'Unblocked an account',
  'delete-account': 'An account was deleted by its owner',
};
