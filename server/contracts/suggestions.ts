import { Type, type Static, type TSchema } from 'typebox';
import { MAX_DECISION_NOTE_LENGTH } from './proposals';
import { MergeChunk } from './revisions';

// A suggestion is a proposal on one passage: the range [start, end) of one block's Markdown source
// in the base revision (`blockSources` gives those sources), the Markdown that replaces it, and why.

export const MAX_SUGGESTION_REPLACEMENT_LENGTH = 10_000;
export const MAX_SUGGESTION_REASON_LENGTH = 1_000;
const MAX_OFFSET = 100_000;
const NOT_BLANK = '\\S';
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SuggestionIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });

export const SuggestBody = Type.Object(
  {
    /** The revision number the passage was read in. */
    baseRevision: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'The base revision: the number of the section version the passage was read in.' }),
    /** Index into that revision's `blocks`. */
    block: Type.Integer({ minimum: 0, maximum: 10_000, description: 'The block: index into that version’s blocks (and into `blockSources` of GET …/suggestions).' }),
    /** Character offsets into the block's Markdown source (`blockSources[block]` of GET …/suggestions). */
    start: Type.Integer({ minimum: 0, maximum: MAX_OFFSET, description: 'The range replaced: its first character, an offset into the block’s Markdown source.' }),
    end: Type.Integer({ minimum: 0, maximum: MAX_OFFSET, description: 'The range replaced: the offset just after its last character (equal to start for an insertion).' }),
    /** Markdown that replaces the range; empty deletes it. */
    replacement: Type.String({ maxLength: MAX_SUGGESTION_REPLACEMENT_LENGTH, description: 'The replacement: Markdown that takes the range’s place; empty deletes it.' }),
    reason: Type.String({ minLength: 1, maxLength: MAX_SUGGESTION_REASON_LENGTH, pattern: NOT_BLANK, description: 'The reason for the change, shown with it.' }),
    /** false: keep it in your basket for this section, to send with others as one proposal. Default true: send now, with the basket. */
    send: Type.Optional(Type.Boolean({ description: 'false keeps it in your basket for this section, to send later with others as one proposal; default true sends it (with the basket) now.' })),
  },
  { additionalProperties: false, description: 'A suggestion is a proposal on a passage: a base revision, a block, a range of its Markdown source, a replacement and a reason.' },
);
export type SuggestBody = Static<typeof SuggestBody>;

export const SendBasketBody = Type.Object(
  { summary: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type SendBasketBody = Static<typeof SendBasketBody>;

/** A conflict's settlement, in the order the conflicts appear: the current text, the suggestion, or new words. */
export const ConflictChoice = Type.Union([Type.Literal('ours'), Type.Literal('theirs'), Type.Object({ custom: Type.String({ maxLength: MAX_SUGGESTION_REPLACEMENT_LENGTH }) }, { additionalProperties: false })]);

export const AcceptBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    /** The section revision the editor reviewed; refused as stale if another landed since. */
    currentRevision: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    /** When the only suggestion conflicted: one choice per conflict of the 409's `conflict.chunks`. */
    choices: Type.Optional(Type.Array(ConflictChoice, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type AcceptBody = Static<typeof AcceptBody>;

export const RejectSuggestionsBody = Type.Object(
  {
    ids: AcceptBody.properties.ids,
    reason: Type.String({ minLength: 1, maxLength: MAX_DECISION_NOTE_LENGTH, pattern: NOT_BLANK }),
  },
  { additionalProperties: false },
);
export type RejectSuggestionsBody = Static<typeof RejectSuggestionsBody>;

export const SuggestionStatus = Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('withdrawn')]);
export type SuggestionStatus = Static<typeof SuggestionStatus>;

const Person = Type.Object({ username: Type.String(), displayName: Type.String() });

export const Suggestion = Type.Object({
  id: Type.Integer(),
  /** Null while in the author's basket. */
  proposalId: Nullable(Type.Integer()),
  status: SuggestionStatus,
  author: Nullable(Person),
  baseRevision: Type.Integer(),
  block: Type.Integer(),
  blockId: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  /** The Markdown replaced and its replacement. */
  original: Type.String(),
  replacement: Type.String(),
  /** Where the change lies in the base block's plain text (comment anchors count in it). */
  text: Type.Object({ start: Type.Integer(), end: Type.Integer() }),
  /** The block's plain text before and with the change: what readers see as a word diff in place. */
  before: Type.String(),
  after: Type.String(),
  /** Where the passage is in the current revision, or null once its block is gone. */
  current: Nullable(Type.Object({ block: Type.Integer(), blockId: Type.String() })),
  reason: Type.String(),
  supports: Type.Integer(),
  supported: Type.Boolean(),
  createdAt: Type.String(),
  decision: Nullable(Type.Object({ note: Nullable(Type.String()), at: Type.String(), revision: Nullable(Type.Integer()) })),
  can: Type.Object({ support: Type.Boolean(), decide: Type.Boolean() }),
});
export type Suggestion = Static<typeof Suggestion>;

export const SuggestionsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')])),
  sort: Type.Optional(Type.Union([Type.Literal('position'), Type.Literal('support'), Type.Literal('newest')])),
});
export type SuggestionsQuery = Static<typeof SuggestionsQuery>;

export const SuggestionList = Type.Object({
  /** The current revision, and the Markdown source of each of its blocks (what ranges count in). */
  revision: Type.Integer(),
  blockSources: Type.Array(Type.String()),
  suggestions: Type.Array(Suggestion),
  counts: Type.Object({ open: Type.Integer(), accepted: Type.Integer(), rejected: Type.Integer() }),
});
export type SuggestionList = Static<typeof SuggestionList>;

export const Basket = Type.Object({ suggestions: Type.Array(Suggestion) });
export type Basket = Static<typeof Basket>;

/** One accepted suggestion's comments: those anchored on its passage, which the editor may mark "addressed in version N". */
export const AcceptResult = Type.Object({
  revision: Type.Integer(),
  accepted: Type.Array(Type.Integer()),
  commentsOnPassages: Type.Array(Type.Integer()),
});
export type AcceptResult = Static<typeof AcceptResult>;

/** 409 `merge_conflict` of an accept: only the conflicting passage, with the choices. */
export interface SuggestionConflictDetails {
  suggestionId: number;
  currentRevision: number;
  chunks: Static<typeof MergeChunk>[];
}

/** Payload of `suggestion.*` live events: no text, only what changed; viewers reload the list. */
export interface SuggestionEvent {
  id: number;
  proposalId: number | null;
  status: SuggestionStatus;
  supports: number;
}
