import type { AcceptBody, AcceptResult, Suggestion, SuggestBody, SuggestionList, SuggestionsQuery } from '../../../server/contracts/suggestions';
import { api } from '../../api/api-client';

/** The suggestions API, one function per call. */
const suggestionsUrl = (consultation: string, section: string): string => `/api/consultations/${consultation}/sections/${section}/suggestions`;

export function listSuggestions(consultation: string, section: string, query: SuggestionsQuery = {}, signal?: AbortSignal): Promise<SuggestionList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return api<SuggestionList>(`${suggestionsUrl(consultation, section)}?${params}`, { signal });
}

export function suggest(consultation: string, section: string, body: SuggestBody): Promise<{ suggestion: Suggestion; proposalId: number | null }> {
  return api(suggestionsUrl(consultation, section), { method: 'POST', body });
}

export async function getBasket(consultation: string, section: string, signal?: AbortSignal): Promise<Suggestion[]> {
  return (await api<{ suggestions: Suggestion[] }>(`${suggestionsUrl(consultation, section)}/basket`, { signal })).suggestions;
}

export async function sendBasket(consultation: string, section: string): Promise<number> {
  return (await api<{ proposalId: number }>(`${suggestionsUrl(consultation, section)}/basket/send`, { method: 'POST', body: {} })).proposalId;
}

export async function removeFromBasket(id: number): Promise<void> {
  await api(`/api/suggestions/${id}`, { method: 'DELETE' });
}

export function setSupport(id: number, on: boolean): Promise<{ supports: number; supported: boolean }> {
  return api(`/api/suggestions/${id}/support`, { method: on ? 'POST' : 'DELETE' });
}

export function acceptSuggestions(consultation: string, section: string, body: AcceptBody): Promise<AcceptResult> {
  return api(`${suggestionsUrl(consultation, section)}/accept`, { method: 'POST', body });
}

export async function rejectSuggestions(consultation: string, section: string, ids: number[], reason: string): Promise<number[]> {
  return (await api<{ rejected: number[] }>(`${suggestionsUrl(consultation, section)}/reject`, { method: 'POST', body: { ids, reason } })).rejected;
}

export async function markAddressed(commentId: number, revision: number): Promise<void> {
  await api(`/api/comments/${commentId}/addressed`, { method: 'POST', body: { revision } });
}
