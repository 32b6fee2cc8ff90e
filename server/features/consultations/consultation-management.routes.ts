import { Type } from 'typebox';
import {
  AddSectionBody,
  ChangeLog,
  CreateConsultationBody,
  MAX_OUTCOME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SECTION_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TITLE_LENGTH,
  ManagedConsultation,
  PublishOutcomeBody,
  RenameSectionBody,
  ReorderSectionsBody,
  RetireSectionBody,
  UpdateConsultationBody,
} from '../../contracts/consultation-management';
import { ConsultationSummary } from '../../contracts/consultations';
import { ERROR_RESPONSES, ErrorBody } from '../../contracts/errors';
import { ConsultationParams, SectionParams } from '../../contracts/params';
import type { App } from '../../platform/fastify';
import { type FieldMessages, rejectInvalidForm } from '../../platform/form-errors';
import { addSectionWithText } from '../../commands/add-section';
import { publishOutcomeByTheme } from '../../commands/publish-outcome';
import { getChangeLog } from './change-log.service';
import { createConsultation, getManagedConsultation, updateConsultationSettings } from './consultation-management.service';
import { renameSection, reorderSections, retireSection } from './section-management.service';

const tags = ['consultations'];
const errors = ERROR_RESPONSES;
const length = (what: string, max: number) => `${what} must be ${max.toLocaleString('en-GB')} characters or fewer.`;
const SLUG_RULE = 'Use lower-case letters, numbers and hyphens only, starting with a letter or number (at most 100), like "digital-strategy-2027".';
const DATE_RULE = 'Enter a date and time with its time zone, like 2027-01-31T09:00Z.';

const TITLE: FieldMessages = { missing: 'Enter the title.', invalid: length('The title', MAX_TITLE_LENGTH) };
const SUMMARY: FieldMessages = { missing: 'Enter the summary.', invalid: length('The summary', MAX_SUMMARY_LENGTH) };
const SLUG: FieldMessages = { missing: 'Enter the web address (slug).', invalid: SLUG_RULE };
const CREATE_MESSAGES: Record<keyof CreateConsultationBody, FieldMessages> = {
  title: TITLE,
  slug: SLUG,
  summary: SUMMARY,
  opensAt: { missing: 'Enter the opening date and time.', invalid: DATE_RULE },
  closesAt: { missing: 'Enter the closing date and time.', invalid: DATE_RULE },
  premoderation: { missing: 'Say whether comments from new accounts wait for approval.', invalid: 'Pre-moderation must be true or false.' },
};
const UPDATE_MESSAGES: Record<keyof UpdateConsultationBody, FieldMessages> = {
  summary: SUMMARY,
  closesAt: { missing: 'Enter the closing date and time.', invalid: DATE_RULE },
};
const SECTION_MESSAGES: Record<keyof AddSectionBody, FieldMessages> = {
  title: TITLE,
  slug: SLUG,
  markdown: { missing: 'Enter the text of the section.', invalid: length('The text', MAX_SECTION_LENGTH) },
};

/** Running a consultation from the app (admins create, editors change), and its public change log. */
export async function consultationManagementRoutes(app: App): Promise<void> {
  app.post(
    '/api/consultations',
    { attachValidation: true, schema: { tags, description: 'Admins only.', body: CreateConsultationBody, response: { 201: Type.Object({ consultation: ConsultationSummary }), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, CreateConsultationBody, CREATE_MESSAGES);
      return reply.status(201).send({ consultation: await createConsultation(app.db, request.user, request.body) });
    },
  );

  app.get(
    '/api/consultations/:c/manage',
    { schema: { tags, description: 'Editors only. The editable fields and every section, retired ones too.', params: ConsultationParams, response: { 200: ManagedConsultation, ...errors } } },
    async (request) => getManagedConsultation(app.db, request.user, request.params.c),
  );

  app.patch(
    '/api/consultations/:c',
    {
      attachValidation: true,
      schema: { tags, description: 'Editors only. Changes the summary and/or moves the closing date.', params: ConsultationParams, body: UpdateConsultationBody, response: { 200: Type.Object({ consultation: ConsultationSummary }), ...errors } },
    },
    async (request) => {
      rejectInvalidForm(request, UpdateConsultationBody, UPDATE_MESSAGES);
      return { consultation: await updateConsultationSettings(app.db, request.user, request.params.c, request.body) };
    },
  );

  app.put(
    '/api/consultations/:c/outcome',
    {
      attachValidation: true,
      schema: { tags, description: 'Editors only, once the consultation has closed (409 `still_open` before). When the consultation has themes, 400 until each has a response and every response is in a theme or listed as not themed (`details.errors` names each).', params: ConsultationParams, body: PublishOutcomeBody, response: { 200: Type.Object({ consultation: ConsultationSummary }), ...errors } },
    },
    async (request) => {
      rejectInvalidForm(request, PublishOutcomeBody, { markdown: { missing: 'Enter the outcome.', invalid: length('The outcome', MAX_OUTCOME_LENGTH) } });
      return { consultation: await publishOutcomeByTheme(app.db, request.user, request.params.c, request.body.markdown) };
    },
  );

  app.post(
    '/api/consultations/:c/sections',
    { attachValidation: true, schema: { tags, description: 'Editors only. Adds a section, with its first text, at the end.', params: ConsultationParams, body: AddSectionBody, response: { 201: Type.Object({ slug: Type.String() }), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, AddSectionBody, SECTION_MESSAGES);
      return reply.status(201).send(await addSectionWithText(app.db, request.user, request.params.c, request.body));
    },
  );

  app.patch(
    '/api/consultations/:c/sections/:s',
    { attachValidation: true, schema: { tags, description: 'Editors only. Renames the section.', params: SectionParams, body: RenameSectionBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, RenameSectionBody, { title: TITLE });
      await renameSection(app.db, request.user, request.params.c, request.params.s, request.body.title);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/consultations/:c/section-order',
    { attachValidation: true, schema: { tags, description: 'Editors only. Every listed section, by slug, in the new order.', params: ConsultationParams, body: ReorderSectionsBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, ReorderSectionsBody, { sections: { missing: 'List the sections in their new order.', invalid: 'List each section once, by its web address.' } });
      await reorderSections(app.db, request.user, request.params.c, request.body.sections);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:c/sections/:s/retire',
    { attachValidation: true, schema: { tags, description: 'Editors only. The section leaves the list and takes no more comments or proposals.', params: SectionParams, body: RetireSectionBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, RetireSectionBody, { reason: { missing: 'Say why the section is retired: readers of it will see the reason.', invalid: length('The reason', MAX_REASON_LENGTH) } });
      await retireSection(app.db, request.user, request.params.c, request.params.s, request.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/consultations/:c/changes',
    { schema: { tags, description: 'Every change made to the consultation in the app, newest first, with who made it and when.', params: ConsultationParams, response: { 200: ChangeLog, 404: ErrorBody } } },
    async (request) => getChangeLog(app.db, request.params.c),
  );
}
