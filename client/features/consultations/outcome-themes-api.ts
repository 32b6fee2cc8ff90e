import type { OutcomeDraft, ThemeOutcomeBody } from '../../../server/contracts/outcome-themes';
import { api } from '../../api/api-client';

// "You said, we did": what the outcome editor reads and writes for each theme.

const base = (slug: string) => `/api/consultations/${slug}`;

export const getOutcomeDraft = (slug: string, signal?: AbortSignal) => api<OutcomeDraft>(`${base(slug)}/outcome/themes`, { signal });
export const answerTheme = (slug: string, themeId: number, body: ThemeOutcomeBody) => api(`${base(slug)}/themes/${themeId}/outcome`, { method: 'PUT', body });
/** Lists every response that is in no theme as "not themed". */
export const listRestAsNotThemed = (slug: string) => api<{ listed: number }>(`${base(slug)}/outcome/not-themed`, { method: 'POST', body: {} });
