import type { AnalysisJob, CampaignDetail, CampaignSummary, Theme } from '../../../server/contracts/analysis';
import { api } from '../../api/api-client';

const base = (slug: string) => `/api/consultations/${slug}`;

export const latestJob = async (slug: string) => (await api<{ job: AnalysisJob | null }>(`${base(slug)}/analysis`)).job;
export const startAnalysis = async (slug: string, themeCount?: number) =>
  (await api<{ job: AnalysisJob }>(`${base(slug)}/analysis`, { method: 'POST', body: themeCount ? { themeCount } : {} })).job;
export const listCampaigns = async (slug: string) => (await api<{ campaigns: CampaignSummary[] }>(`${base(slug)}/campaigns`)).campaigns;
export const campaignDetail = (slug: string, id: number) => api<CampaignDetail>(`${base(slug)}/campaigns/${id}`);
export const splitFromCampaign = (slug: string, id: number, commentId: number) => api(`${base(slug)}/campaigns/${id}/split`, { method: 'POST', body: { commentId } });
export const joinCampaign = (slug: string, id: number, campaignId: number) => api(`${base(slug)}/campaigns/${id}/join`, { method: 'POST', body: { campaignId } });

export const listThemes = async (slug: string) => (await api<{ themes: Theme[] }>(`${base(slug)}/themes`)).themes;
export const editTheme = (slug: string, id: number, change: { label?: string; response?: string | null }) => api(`${base(slug)}/themes/${id}`, { method: 'PATCH', body: change });
export const createTheme = (slug: string, label: string) => api(`${base(slug)}/themes`, { method: 'POST', body: { label } });
export const deleteTheme = (slug: string, id: number) => api(`${base(slug)}/themes/${id}`, { method: 'DELETE' });
export const mergeTheme = (slug: string, id: number, into: number) => api(`${base(slug)}/themes/${id}/merge`, { method: 'POST', body: { into } });
export const moveResponse = (slug: string, to: number, commentId: number, from: number) => api(`${base(slug)}/themes/${to}/responses`, { method: 'POST', body: { commentId, from } });

export const KIND_NAMES: Record<string, string> = { support: 'Support', object: 'Objection', question: 'Question', suggestion: 'Suggestion', evidence: 'Evidence', general: 'General' };
