import type { CreateConsultationBody, ManagedConsultation, UpdateConsultationBody } from '../../contracts/consultation-management';
import type { ConsultationSummary } from '../../contracts/consultations';
import { consultationChannel } from '../../contracts/live';
import type { FieldError } from '../../contracts/errors';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent, latestSeq } from '../../events/event-log';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import { renderMarkdown } from '../../markdown/render';
import { enforce } from '../../platform/decisions';
import { invalidFields } from '../../platform/form-errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { recordChange } from './change-log.service';
import { listAllSections } from './consultation-management.repository';
import { mayCreateConsultation, mayManageConsultation, mayMoveClosingDate, mayPublishOutcome } from './consultations.policy';
import { findConsultationBySlug, insertConsultation, updateConsultation } from './consultations.repository';
import { presentSummary, requireConsultation } from './consultations.service';

/** Moving the closing date "to now" from a form that counts in minutes lands up to a minute in the past. */
const CLOSING_GRACE_MS = 2 * 60 * 1000;

/** The instant a valid date-time names, as the ISO string stored, or null when there is no such day or time. */
export function normaliseDateTime(value: string): string | null {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const time = Date.parse(value);
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || Number.isNaN(time)) return null;
  return new Date(time).toISOString();
}

function dateField(value: string, field: string, label: string, errors: FieldError[]): string | null {
  const iso = normaliseDateTime(value);
  if (!iso) errors.push({ field, code: 'invalid_input', message: `The ${label} is not a real date and time.` });
  return iso;
}

function textField(value: string, field: string, label: string, errors: FieldError[]): string {
  const trimmed = value.trim();
  if (trimmed === '') errors.push({ field, code: 'invalid_input', message: `Enter the ${label}.` });
  else if (/\p{Cs}/u.test(trimmed)) errors.push({ field, code: 'invalid_input', message: `The ${label} contains characters that are not valid text.` });
  return trimmed;
}

function refuse(errors: FieldError[]): void {
  const [first, ...rest] = errors;
  if (first) throw invalidFields([first, ...rest]);
}

/** Opens a new consultation (admins). Its sections are added afterwards by editors. */
export async function createConsultation(db: Db, viewer: CurrentUser | null, input: CreateConsultationBody): Promise<ConsultationSummary> {
  enforce(mayCreateConsultation(viewer));
  const errors: FieldError[] = [];
  const title = textField(input.title, 'title', 'title', errors);
  const summary = textField(input.summary, 'summary', 'summary', errors);
  const opensAt = dateField(input.opensAt, 'opensAt', 'opening date', errors);
  const closesAt = dateField(input.closesAt, 'closesAt', 'closing date', errors);
  if (opensAt && closesAt && closesAt <= opensAt) errors.push({ field: 'closesAt', code: 'invalid_input', message: 'The closing date must be after the opening date.' });
  refuse(errors);
  return writeTransaction(db, async (trx) => {
    if (await findConsultationBySlug(trx, input.slug)) {
      refuse([{ field: 'slug', code: 'slug_taken', message: `Another consultation already has the web address "${input.slug}". Choose another.` }]);
    }
    const at = now();
    await insertConsultation(trx, {
      slug: input.slug,
      title,
      summary,
      intro_markdown: '',
      intro_html: '',
      opens_at: opensAt!,
      closes_at: closesAt!,
      premoderation: input.premoderation ? 1 : 0,
      created_at: at,
      updated_at: at,
    });
    const consultation = (await findConsultationBySlug(trx, input.slug))!;
    await recordChange(trx, consultation, viewer!, { kind: 'created', description: `Created the consultation "${title}"`, after: `${opensAt} – ${closesAt}` }, at);
    return presentSummary(consultation);
  });
}

/** What the management page edits: the consultation's fields and every section, retired ones too. */
export async function getManagedConsultation(db: Db, viewer: CurrentUser | null, slug: string): Promise<ManagedConsultation> {
  enforce(mayManageConsultation(viewer));
  const liveSeq = await latestSeq(db);
  const consultation = await requireConsultation(db, slug);
  const sections = await listAllSections(db, consultation.id);
  return {
    consultation: {
      ...presentSummary(consultation),
      premoderation: consultation.premoderation === 1,
      outcomeMarkdown: consultation.outcome_markdown,
      outcomePublishedAt: consultation.outcome_published_at,
    },
    sections: sections.filter((s) => s.current_revision_id !== null).map((s) => ({ slug: s.slug, title: s.title, position: s.position, retiredAt: s.retired_at })),
    liveSeq,
  };
}

/** Changes the summary and/or moves the closing date (never before the opening, never into the past). */
export async function updateConsultationSettings(db: Db, viewer: CurrentUser | null, slug: string, input: UpdateConsultationBody): Promise<ConsultationSummary> {
  enforce(mayManageConsultation(viewer));
  return writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, slug);
    const errors: FieldError[] = [];
    const summary = input.summary === undefined ? undefined : textField(input.summary, 'summary', 'summary', errors);
    const closesAt = input.closesAt === undefined ? undefined : dateField(input.closesAt, 'closesAt', 'closing date', errors);
    const at = now();
    if (closesAt && closesAt !== consultation.closes_at) {
      enforce(mayMoveClosingDate(consultation));
      if (closesAt <= consultation.opens_at) errors.push({ field: 'closesAt', code: 'invalid_input', message: 'The closing date must be after the opening date.' });
      else if (Date.parse(closesAt) < Date.parse(at) - CLOSING_GRACE_MS) errors.push({ field: 'closesAt', code: 'invalid_input', message: 'The closing date cannot be in the past. To close now, choose the current time.' });
    }
    refuse(errors);
    let current = consultation;
    if (summary !== undefined && summary !== consultation.summary) {
      await updateConsultation(trx, consultation.id, { summary });
      await recordChange(trx, current, viewer!, { kind: 'summary_changed', description: 'Changed the summary', before: consultation.summary, after: summary }, at);
      current = { ...current, summary };
    }
    if (closesAt && closesAt !== consultation.closes_at) {
      await updateConsultation(trx, consultation.id, { closes_at: closesAt });
      const description = closesAt > consultation.closes_at ? 'Extended the closing date' : 'Brought the closing date forward';
      await recordChange(trx, current, viewer!, { kind: 'closing_changed', description, before: consultation.closes_at, after: closesAt }, at);
      current = { ...current, closes_at: closesAt };
    }
    return presentSummary(current);
  });
}

/** Publishes (or corrects) the outcome once the consultation has closed: the phase becomes "outcome". */
export async function publishOutcome(db: Db, viewer: CurrentUser | null, slug: string, markdown: string): Promise<ConsultationSummary> {
  enforce(mayManageConsultation(viewer));
  if (markdown.trim() === '') refuse([{ field: 'markdown', code: 'invalid_input', message: 'Enter the outcome.' }]);
  refuseInvalidCharacters(markdown, 'markdown');
  refuseCostlyMarkdown(markdown, 'markdown');
  return writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, slug);
    const at = now();
    enforce(mayPublishOutcome(consultation, at));
    const first = consultation.outcome_published_at === null;
    const values = { outcome_markdown: markdown, outcome_html: renderMarkdown(markdown), outcome_published_at: consultation.outcome_published_at ?? at };
    await updateConsultation(trx, consultation.id, values);
    const kind = first ? 'outcome_published' : 'outcome_updated';
    await recordChange(trx, consultation, viewer!, { kind, description: first ? 'Published the outcome' : 'Updated the outcome' }, at);
    if (first) await appendEvent(trx, consultationChannel(consultation.slug), 'consultation.outcome_published', { consultationId: consultation.id });
    return presentSummary({ ...consultation, ...values });
  });
}
