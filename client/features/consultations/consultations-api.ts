import type { SessionUser } from '../../../server/contracts/auth';
import type { AddSectionBody, ChangeLog, CreateConsultationBody, ManagedConsultation, UpdateConsultationBody } from '../../../server/contracts/consultation-management';
import type { ConsultationSummary, SectionDetail } from '../../../server/contracts/consultations';
import type { OutcomeReport } from '../../../server/contracts/outcome';
import { api } from '../../api/api-client';

// Running a consultation from the app, its change log and its published outcome.

const consultationUrl = (slug: string) => `/api/consultations/${encodeURIComponent(slug)}`;

/** A section as readers see it: its current version, phase and comment state (every page about a section starts here). */
export async function getSection(consultation: string, section: string, signal?: AbortSignal): Promise<SectionDetail> {
  return (await api<{ section: SectionDetail }>(`${consultationUrl(consultation)}/sections/${encodeURIComponent(section)}`, { signal })).section;
}

/** Editors and admins run consultations; only admins create them (the server decides; this only hides links). */
export const canManage = (user: SessionUser | null | undefined): boolean => !!user?.can.manageConsultations;
export const canCreate = (user: SessionUser | null | undefined): boolean => !!user?.can.createConsultations;

/** A `datetime-local` input's value (the person's own time zone) as an ISO instant; left as typed when it is not one. */
export function fromLocalInput(value: string): string {
  const time = Date.parse(value);
  return value === '' || Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** An ISO instant as a `datetime-local` value in the person's own time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export async function createConsultation(body: CreateConsultationBody): Promise<ConsultationSummary> {
  return (await api<{ consultation: ConsultationSummary }>('/api/consultations', { method: 'POST', body })).consultation;
}

export function getManaged(slug: string, signal?: AbortSignal): Promise<ManagedConsultation> {
  return api<ManagedConsultation>(`${consultationUrl(slug)}/manage`, { signal });
}

export async function updateConsultation(slug: string, body: UpdateConsultationBody): Promise<ConsultationSummary> {
  return (await api<{ consultation: ConsultationSummary }>(consultationUrl(slug), { method: 'PATCH', body })).consultation;
}

export async function publishOutcome(slug: string, markdown: string): Promise<ConsultationSummary> {
  return (await api<{ consultation: ConsultationSummary }>(`${consultationUrl(slug)}/outcome`, { method: 'PUT', body: { markdown } })).consultation;
}

export async function addSection(slug: string, body: AddSectionBody): Promise<void> {
  await api(`${consultationUrl(slug)}/sections`, { method: 'POST', body });
}

export async function renameSection(slug: string, section: string, title: string): Promise<void> {
  await api(`${consultationUrl(slug)}/sections/${encodeURIComponent(section)}`, { method: 'PATCH', body: { title } });
}

export async function reorderSections(slug: string, sections: string[]): Promise<void> {
  await api(`${consultationUrl(slug)}/section-order`, { method: 'PUT', body: { sections } });
}

export async function retireSection(slug: string, section: string, reason: string): Promise<void> {
  await api(`${consultationUrl(slug)}/sections/${encodeURIComponent(section)}/retire`, { method: 'POST', body: { reason } });
}

export function getChangeLog(slug: string, signal?: AbortSignal): Promise<ChangeLog> {
  return api<ChangeLog>(`${consultationUrl(slug)}/changes`, { signal });
}

export function getOutcome(slug: string, signal?: AbortSignal): Promise<OutcomeReport> {
  return api<OutcomeReport>(`${consultationUrl(slug)}/outcome`, { signal });
}
