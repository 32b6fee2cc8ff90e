import { Type, type Static, type TSchema } from 'typebox';
import { BlockSchema, Phase } from './consultations';
import { MAX_SECTION_LENGTH, MergeChunk, TextDiff } from './revisions';

export const MAX_PROPOSAL_SUMMARY_LENGTH = 200;
export const MAX_DECISION_NOTE_LENGTH = 2_000;
export const MAX_PROPOSAL_COMMENT_LENGTH = 5_000;

export const ProposalStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('open'),
  Type.Literal('merged'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
]);
export type ProposalStatus = Static<typeof ProposalStatus>;

export const ProposalIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });

/** Whether others may read a proposal or a proposal comment: pre-moderated, hidden by moderation, or neither. */
export const ModerationState = Type.Union([Type.Literal('visible'), Type.Literal('pending'), Type.Literal('hidden')]);
export type ModerationState = Static<typeof ModerationState>;

/** Why others cannot see it (waiting for a moderator, or hidden and why), else null. */
const ModerationFields = { moderation: ModerationState, notice: Type.Union([Type.String(), Type.Null()]) };

// --- Markdown preview --------------------------------------------------------------------------

export const PreviewBody = Type.Object({ markdown: Type.String({ maxLength: MAX_SECTION_LENGTH }) }, { additionalProperties: false });
export const PreviewResponse = Type.Object({ html: Type.String(), blocks: Type.Array(BlockSchema) });
export type PreviewResponse = Static<typeof PreviewResponse>;

// --- Writing ------------------------------------------------------------------------------------

const RevisionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });
const ProposalText = Type.String({ maxLength: MAX_SECTION_LENGTH });
/** Something other than whitespace. */
const NOT_BLANK = '\\S';

/** An autosaved draft: any text, any (even empty) summary. `baseRevision` is the revision number it started from. */
export const DraftBody = Type.Object(
  { baseRevision: RevisionNumber, markdown: ProposalText, summary: Type.String({ maxLength: MAX_PROPOSAL_SUMMARY_LENGTH }) },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const ProposalDraft = Type.Object({ baseRevision: Type.Integer(), markdown: Type.String(), summary: Type.String(), savedAt: Type.String() });
export type ProposalDraft = Static<typeof ProposalDraft>;

export const SubmitProposalBody = Type.Object(
  {
    baseRevision: RevisionNumber,
    markdown: ProposalText,
    summary: Type.String({ minLength: 1, maxLength: MAX_PROPOSAL_SUMMARY_LENGTH, pattern: NOT_BLANK }),
  },
  { additionalProperties: false },
);
export type SubmitProposalBody = Static<typeof SubmitProposalBody>;

export const ReviseProposalBody = Type.Object(
  { markdown: SubmitProposalBody.properties.markdown, summary: SubmitProposalBody.properties.summary },
  { additionalProperties: false },
);
export type ReviseProposalBody = Static<typeof ReviseProposalBody>;

/**
 * `currentRevision`: the section revision the editor's merge preview was computed on; the merge
 * is refused as stale if another revision landed since. When the preview had conflicts, send the
 * text the editor settled them into as `resolvedMarkdown` (the editor's own words win).
 */
export const MergeBody = Type.Object({ currentRevision: RevisionNumber, resolvedMarkdown: Type.Optional(ProposalText) }, { additionalProperties: false });
export type MergeBody = Static<typeof MergeBody>;

export const RejectBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: MAX_DECISION_NOTE_LENGTH, pattern: NOT_BLANK }) },
  { additionalProperties: false },
);
export type RejectBody = Static<typeof RejectBody>;

export const ProposalCommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: MAX_PROPOSAL_COMMENT_LENGTH, pattern: NOT_BLANK }) },
  { additionalProperties: false },
);
export type ProposalCommentBody = Static<typeof ProposalCommentBody>;

// --- Reading ------------------------------------------------------------------------------------

const Person = Type.Object({ username: Type.String(), displayName: Type.String() });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ListProposalsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('merged'), Type.Literal('rejected'), Type.Literal('withdrawn')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type ListProposalsQuery = Static<typeof ListProposalsQuery>;

export const ProposalSummary = Type.Object({
  id: Type.Integer(),
  status: ProposalStatus,
  summary: Type.String(),
  author: Nullable(Person),
  baseRevision: Type.Integer(),
  submittedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  /** Set once merged, rejected or withdrawn. */
  decidedAt: Nullable(Type.String()),
  mergedRevision: Nullable(Type.Integer()),
  /** Hidden proposals are listed for everyone with an empty summary, no author and the notice. */
  ...ModerationFields,
});
export type ProposalSummary = Static<typeof ProposalSummary>;

/** Whether the caller may propose here now, and if not, why in plain words (signed out, locked, closed). */
export const Proposing = Type.Union([
  Type.Object({ allowed: Type.Literal(true) }),
  Type.Object({ allowed: Type.Literal(false), code: Type.String(), message: Type.String() }),
]);
export type Proposing = Static<typeof Proposing>;

export const ProposalList = Type.Object({
  proposals: Type.Array(ProposalSummary),
  counts: Type.Object({ open: Type.Integer(), merged: Type.Integer(), rejected: Type.Integer(), withdrawn: Type.Integer() }),
  nextPage: Nullable(Type.Integer()),
  proposing: Proposing,
});
export type ProposalList = Static<typeof ProposalList>;

/** What merging now would publish: the merged text and its diff against the current text, or the conflicts. */
export const MergePreview = Type.Union([
  Type.Object({ currentRevision: Type.Integer(), clean: Type.Literal(true), markdown: Type.String(), diff: TextDiff }),
  Type.Object({ currentRevision: Type.Integer(), clean: Type.Literal(false), chunks: Type.Array(MergeChunk) }),
]);
export type MergePreview = Static<typeof MergePreview>;

export const ProposalDetail = Type.Object({
  ...ProposalSummary.properties,
  markdown: Type.String(),
  section: Type.Object({
    slug: Type.String(),
    title: Type.String(),
    consultation: Type.Object({ slug: Type.String(), title: Type.String(), phase: Phase }),
    currentRevision: Type.Integer(),
    locked: Type.Boolean(),
  }),
  /** Who merged, rejected or withdrew it, and why (a rejection always has a reason). */
  decision: Nullable(Type.Object({ note: Nullable(Type.String()), by: Nullable(Person), at: Type.String() })),
  /** `base`: from the revision it started from. `current`: from today's text (null once decided). */
  diffs: Type.Object({ base: TextDiff, current: Nullable(TextDiff) }),
  /** Only while open. */
  merge: Nullable(MergePreview),
  /** What the caller may do now, from the same policy the write routes enforce. */
  can: Type.Object({ revise: Type.Boolean(), withdraw: Type.Boolean(), merge: Type.Boolean(), reject: Type.Boolean(), comment: Type.Boolean() }),
  /** The live log position this snapshot is at least as new as (subscribe to the section channel from here). */
  liveSeq: Type.Integer(),
});
export type ProposalDetail = Static<typeof ProposalDetail>;

/** A hidden comment keeps its place with an empty body, no author and the notice. */
export const ProposalComment = Type.Object({ id: Type.Integer(), body: Type.String(), html: Type.String(), author: Nullable(Person), createdAt: Type.String(), ...ModerationFields });
export type ProposalComment = Static<typeof ProposalComment>;

/** Payload of the `proposal.*` live events on the section channel, as a viewer receives it (never the proposed text). */
export type ProposalEvent = ProposalSummary & { decisionNote: string | null };
