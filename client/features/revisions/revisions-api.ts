import type { SessionUser } from '../../../server/contracts/auth';
import type { CommentView } from '../../../server/contracts/comments';
import type { RevisionDetail } from '../../../server/contracts/consultations';
import type { AnchorReviewItem, EditSectionBody, EditSectionResult, OrphanedComment, RepointBody, RevisionHistory, SectionDiff, SectionLock } from '../../../server/contracts/revisions';
import { api } from '../../api/api-client';

/** The history, editing and re-anchoring API, one function per call. */
const sectionUrl = (consultation: string, section: string): string => `/api/consultations/${consultation}/sections/${section}`;

/** Page addresses of the revisions feature. */
export const historyPath = (consultation: string, section: string): string => `/c/${consultation}/${section}/history`;
export const editPath = (consultation: string, section: string): string => `/c/${consultation}/${section}/edit`;

/** A revision's page, optionally with a passage (block text offsets) highlighted. */
export function revisionPath(consultation: string, section: string, number: number, passage?: { blockId: string; start: number; end: number }): string {
  const path = `${historyPath(consultation, section)}/${number}`;
  if (!passage) return path;
  return `${path}?${new URLSearchParams({ block: passage.blockId, start: String(passage.start), end: String(passage.end) })}`;
}

export function getHistory(consultation: string, section: string, signal?: AbortSignal): Promise<RevisionHistory> {
  return api<RevisionHistory>(`${sectionUrl(consultation, section)}/revisions`, { signal });
}

export async function getRevision(consultation: string, section: string, number: number, signal?: AbortSignal): Promise<RevisionDetail> {
  return (await api<{ revision: RevisionDetail }>(`${sectionUrl(consultation, section)}/revisions/${number}`, { signal })).revision;
}

export function getDiff(consultation: string, section: string, from: number, to: number, signal?: AbortSignal): Promise<SectionDiff> {
  return api<SectionDiff>(`${sectionUrl(consultation, section)}/diff?from=${from}&to=${to}`, { signal });
}

/** Throws an ApiError 409 `merge_conflict` with `details: MergeConflictDetails` when the edit overlaps another. */
export function saveEdit(consultation: string, section: string, body: EditSectionBody): Promise<EditSectionResult> {
  return api<EditSectionResult>(`${sectionUrl(consultation, section)}/revisions`, { method: 'POST', body });
}

export async function revertTo(consultation: string, section: string, number: number): Promise<RevisionDetail> {
  return (await api<{ revision: RevisionDetail }>(`${sectionUrl(consultation, section)}/revisions/${number}/revert`, { method: 'POST', body: {} })).revision;
}

export async function setLock(consultation: string, section: string, locked: boolean, reason?: string): Promise<SectionLock> {
  const url = `${sectionUrl(consultation, section)}/${locked ? 'lock' : 'unlock'}`;
  return (await api<{ lock: SectionLock }>(url, { method: 'POST', body: locked ? { reason } : {} })).lock;
}

export async function listOrphaned(consultation: string, section: string, signal?: AbortSignal): Promise<OrphanedComment[]> {
  return (await api<{ comments: OrphanedComment[] }>(`${sectionUrl(consultation, section)}/orphaned-comments`, { signal })).comments;
}

export async function markAddressed(commentId: number, revision: number): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${commentId}/addressed`, { method: 'POST', body: { revision } })).comment;
}

export async function listAnchorReview(consultation: string, section: string, signal?: AbortSignal): Promise<AnchorReviewItem[]> {
  return (await api<{ comments: AnchorReviewItem[] }>(`${sectionUrl(consultation, section)}/anchor-review`, { signal })).comments;
}

/** An editor's answer on an unsure placement: keep it, orphan the comment, or re-point it to a passage. */
export async function checkAnchor(commentId: number, action: 'confirm' | 'orphan' | 'repoint', passage?: RepointBody): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${commentId}/anchor/${action}`, { method: 'POST', body: passage ?? {} })).comment;
}

/** The client's copy of revisions.policy `mayEditSection`, to offer only what the server allows. */
export const canEdit = (user: SessionUser | null | undefined): boolean => !!user?.can.editSections;
