import type { AnswerQuestionsBody, AnswerQuestionsResult, QuestionList, QuestionView } from '../../../server/contracts/questions';
import { api } from '../../api/api-client';

const base = (slug: string) => `/api/consultations/${encodeURIComponent(slug)}`;

export const getQuestions = (slug: string, signal?: AbortSignal) => api<QuestionList>(`${base(slug)}/questions`, { signal });

export const answerQuestions = (slug: string, body: AnswerQuestionsBody) => api<AnswerQuestionsResult>(`${base(slug)}/answers`, { method: 'POST', body });

export const addQuestion = (slug: string, section: string, text: string) =>
  api<{ question: QuestionView }>(`${base(slug)}/questions`, { method: 'POST', body: { section, text } });

export const editQuestion = (id: number, change: { section?: string; text?: string }) => api<{ question: QuestionView }>(`/api/questions/${id}`, { method: 'PATCH', body: change });

export const reorderQuestions = (slug: string, ids: number[]) => api<{ questions: QuestionView[] }>(`${base(slug)}/questions/order`, { method: 'PUT', body: { ids } });
