import { Type, type Static } from 'typebox';
import { ConsultationSummary } from './consultations';

// Running a consultation from the app: creating it, its sections, its dates and its outcome, and
// the public log of every such change.

const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,99}$';
/** An ISO-8601 date and time with its zone: `2027-01-31T09:00Z`, `2027-01-31T09:00:00.000+01:00`. */
const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';

export const MAX_TITLE_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 1_000;
export const MAX_REASON_LENGTH = 500;
export const MAX_OUTCOME_LENGTH = 100_000;
export const MAX_SECTION_LENGTH = 100_000;

const Slug = Type.String({ pattern: SLUG_PATTERN });
const DateTime = Type.String({ pattern: DATE_TIME_PATTERN });
const Title = Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH });
const Summary = Type.String({ minLength: 1, maxLength: MAX_SUMMARY_LENGTH });

export const CreateConsultationBody = Type.Object(
  { title: Title, slug: Slug, summary: Summary, opensAt: DateTime, closesAt: DateTime, premoderation: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateConsultationBody = Static<typeof CreateConsultationBody>;

/** Editors change the summary and move the closing date; each is optional. */
export const UpdateConsultationBody = Type.Object({ summary: Type.Optional(Summary), closesAt: Type.Optional(DateTime) }, { additionalProperties: false });
export type UpdateConsultationBody = Static<typeof UpdateConsultationBody>;

export const AddSectionBody = Type.Object(
  { title: Title, slug: Slug, markdown: Type.String({ minLength: 1, maxLength: MAX_SECTION_LENGTH }) },
  { additionalProperties: false },
);
export type AddSectionBody = Static<typeof AddSectionBody>;

export const RenameSectionBody = Type.Object({ title: Title }, { additionalProperties: false });
export type RenameSectionBody = Static<typeof RenameSectionBody>;

/** Every section still listed, by slug, in the new reading order. */
export const ReorderSectionsBody = Type.Object({ sections: Type.Array(Slug, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type ReorderSectionsBody = Static<typeof ReorderSectionsBody>;

export const RetireSectionBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: MAX_REASON_LENGTH }) }, { additionalProperties: false });
export type RetireSectionBody = Static<typeof RetireSectionBody>;

export const PublishOutcomeBody = Type.Object({ markdown: Type.String({ minLength: 1, maxLength: MAX_OUTCOME_LENGTH }) }, { additionalProperties: false });
export type PublishOutcomeBody = Static<typeof PublishOutcomeBody>;

export const ChangeKind = Type.Union([
  Type.Literal('created'),
  Type.Literal('summary_changed'),
  Type.Literal('closing_changed'),
  Type.Literal('section_added'),
  Type.Literal('section_renamed'),
  Type.Literal('sections_reordered'),
  Type.Literal('section_retired'),
  Type.Literal('outcome_published'),
  Type.Literal('outcome_updated'),
]);
export type ChangeKind = Static<typeof ChangeKind>;

/** One line of the public change log: what changed (`before` → `after` where that says more), who and when. */
export const ConsultationChange = Type.Object({
  id: Type.Integer(),
  kind: ChangeKind,
  description: Type.String(),
  section: Type.Union([Type.Object({ slug: Type.String(), title: Type.String() }), Type.Null()]),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
  by: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
  at: Type.String(),
});
export type ConsultationChange = Static<typeof ConsultationChange>;

/** `liveSeq`: subscribe to `consultation:<slug>` from here for changes made after this read. */
export const ChangeLog = Type.Object({ consultation: ConsultationSummary, changes: Type.Array(ConsultationChange), liveSeq: Type.Integer() });
export type ChangeLog = Static<typeof ChangeLog>;

/** What an editor's management page starts from: the editable fields, and every section (retired ones too). */
export const ManagedConsultation = Type.Object({
  consultation: Type.Object({
    ...ConsultationSummary.properties,
    premoderation: Type.Boolean(),
    outcomeMarkdown: Type.Union([Type.String(), Type.Null()]),
    outcomePublishedAt: Type.Union([Type.String(), Type.Null()]),
  }),
  sections: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), position: Type.Integer(), retiredAt: Type.Union([Type.String(), Type.Null()]) })),
  liveSeq: Type.Integer(),
});
export type ManagedConsultation = Static<typeof ManagedConsultation>;
