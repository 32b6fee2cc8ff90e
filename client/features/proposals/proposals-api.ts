import type {
  DraftBody,
  ListProposalsQuery,
  ProposalComment,
  ProposalDetail,
  ProposalDraft,
  ProposalList,
  ProposalSummary,
  SubmitProposalBody,
} from '../../../server/contracts/proposals';
import { api, ApiError } from '../../api/api-client';

/** The proposals API, one function per call. */
const proposalsUrl = (consultation: string, section: string): string => `/api/consultations/${consultation}/sections/${section}/proposals`;

/** The caller's draft for this section, or null when they have none. */
export async function getDraft(consultation: string, section: string, signal?: AbortSignal): Promise<ProposalDraft | null> {
  try {
    return (await api<{ draft: ProposalDraft }>(`${proposalsUrl(consultation, section)}/draft`, { signal })).draft;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** `keepalive` lets the last save go out as the tab closes. */
export async function saveDraft(consultation: string, section: string, body: DraftBody, keepalive = false): Promise<ProposalDraft> {
  return (await api<{ draft: ProposalDraft }>(`${proposalsUrl(consultation, section)}/draft`, { method: 'PUT', body, keepalive })).draft;
}

export async function submitProposal(consultation: string, section: string, body: SubmitProposalBody): Promise<ProposalSummary> {
  return (await api<{ proposal: ProposalSummary }>(proposalsUrl(consultation, section), { method: 'POST', body })).proposal;
}

export function listProposals(consultation: string, section: string, query: ListProposalsQuery, signal?: AbortSignal): Promise<ProposalList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return api<ProposalList>(`${proposalsUrl(consultation, section)}?${params}`, { signal });
}

export async function getProposal(id: number, signal?: AbortSignal): Promise<ProposalDetail> {
  return (await api<{ proposal: ProposalDetail }>(`/api/proposals/${id}`, { signal })).proposal;
}

export async function reviseProposal(id: number, body: { markdown: string; summary: string }): Promise<ProposalSummary> {
  return (await api<{ proposal: ProposalSummary }>(`/api/proposals/${id}`, { method: 'PATCH', body })).proposal;
}

export async function withdrawProposal(id: number): Promise<ProposalSummary> {
  return (await api<{ proposal: ProposalSummary }>(`/api/proposals/${id}/withdraw`, { method: 'POST' })).proposal;
}

/** Merges against `currentRevision`, the revision the editor reviewed; `resolvedMarkdown` settles its conflicts. */
export async function mergeProposal(id: number, currentRevision: number, resolvedMarkdown?: string): Promise<{ proposal: ProposalSummary; revision: number }> {
  return api(`/api/proposals/${id}/merge`, { method: 'POST', body: { currentRevision, resolvedMarkdown } });
}

export async function rejectProposal(id: number, reason: string): Promise<ProposalSummary> {
  return (await api<{ proposal: ProposalSummary }>(`/api/proposals/${id}/reject`, { method: 'POST', body: { reason } })).proposal;
}

export async function listProposalComments(id: number, signal?: AbortSignal): Promise<ProposalComment[]> {
  return (await api<{ comments: ProposalComment[] }>(`/api/proposals/${id}/comments`, { signal })).comments;
}

export async function postProposalComment(id: number, body: string): Promise<ProposalComment> {
  return (await api<{ comment: ProposalComment }>(`/api/proposals/${id}/comments`, { method: 'POST', body: { body } })).comment;
}

export const STATUS_LABELS: Record<ProposalSummary['status'], string> = {
  draft: 'Draft',
  open: 'Open for review',
  merged: 'Merged',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};
