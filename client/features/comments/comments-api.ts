import type {
  CommentList,
  CommentPermalink,
  CommentVersion,
  CommentView,
  CreateCommentBody,
  ListCommentsQuery,
  RepliesPage,
} from '../../../server/contracts/comments';
import type { SectionCampaign } from '../../../server/contracts/analysis';
import { api } from '../../api/api-client';
import { withMyMarks } from './my-marks';

// The comments API, one function per call.

const commentsUrl = (consultation: string, section: string): string => `/api/consultations/${consultation}/sections/${section}/comments`;

export const sectionFeedUrl = (consultation: string, section: string): string => `/feeds/consultations/${consultation}/sections/${section}/comments.atom`;

export function listComments(consultation: string, section: string, query: ListCommentsQuery, signal?: AbortSignal): Promise<CommentList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return api<CommentList>(`${commentsUrl(consultation, section)}?${params}`, { signal }).then(withMyMarks);
}

/** Campaigns of near-identical comments in the section: the list shows each once, its copies collapsed. */
export async function sectionCampaigns(consultation: string, section: string, signal?: AbortSignal): Promise<SectionCampaign[]> {
  return (await api<{ campaigns: SectionCampaign[] }>(`/api/consultations/${consultation}/sections/${section}/campaigns`, { signal })).campaigns;
}

export async function postComment(consultation: string, section: string, body: CreateCommentBody): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(commentsUrl(consultation, section), { method: 'POST', body })).comment;
}

export async function editComment(id: number, body: string): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${id}`, { method: 'PATCH', body: { body } })).comment;
}

export async function deleteComment(id: number): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${id}`, { method: 'DELETE' })).comment;
}

export async function setEndorsement(id: number, on: boolean): Promise<CommentView> {
  return (await api<{ comment: CommentView }>(`/api/comments/${id}/endorse`, { method: on ? 'POST' : 'DELETE' })).comment;
}

export function getPermalink(id: number, signal?: AbortSignal): Promise<CommentPermalink> {
  return api<CommentPermalink>(`/api/comments/${id}`, { signal });
}

export async function getVersions(id: number, signal?: AbortSignal): Promise<CommentVersion[]> {
  return (await api<{ versions: CommentVersion[] }>(`/api/comments/${id}/versions`, { signal })).versions;
}

/** The next page of a thread's replies, after reply `after`. */
export function getReplies(id: number, after: number): Promise<RepliesPage> {
  return api<RepliesPage>(`/api/comments/${id}/replies?after=${after}`);
}
