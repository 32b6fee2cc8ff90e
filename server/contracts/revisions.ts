import { Type, type Static } from 'typebox';
import { AnchorView, CommentView } from './comments';
import { RevisionDetail, RevisionSummary } from './consultations';

/** Longest section text, in characters (well under the 256 kB request limit). */
export const MAX_SECTION_LENGTH = 100_000;
const Summary = Type.String({ maxLength: 300 });
const RevisionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000_000 });

/** A run of text both versions share, or that only the new ('added') or old ('removed') one has. */
export const DiffSegment = Type.Object({ kind: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]), text: Type.String() });
export type DiffSegment = Static<typeof DiffSegment>;

/** One row of a side-by-side view: the old line and its counterpart (either may be empty). */
export const DiffRow = Type.Object({ left: Type.Array(DiffSegment), right: Type.Array(DiffSegment) });
export type DiffRow = Static<typeof DiffRow>;

export const DiffStats = Type.Object({ wordsAdded: Type.Integer(), wordsRemoved: Type.Integer() });
export type DiffStats = Static<typeof DiffStats>;

/**
 * How finely two texts were compared: 'word', or — when they are too large or too different to
 * compare word by word in reasonable time — 'line' (changed lines shown whole) or 'text' (the
 * old text removed and the new one added).
 */
export const DiffGranularity = Type.Union([Type.Literal('word'), Type.Literal('line'), Type.Literal('text')]);

/** A word diff of two Markdown texts, inline and side by side. Reused by proposal reviews. */
export const TextDiff = Type.Object({ inline: Type.Array(DiffSegment), sideBySide: Type.Array(DiffRow), stats: DiffStats, granularity: DiffGranularity });
export type TextDiff = Static<typeof TextDiff>;

/**
 * One region of a three-way merge: text both sides agree on, or a conflict between the base, the
 * current text ('ours') and the edit being saved ('theirs'). Joining the regions in order (with one
 * side chosen per conflict) gives the merged text. A conflict is as small as the merge could make
 * it — a block, a sentence or a few words — so it may start and end inside a line.
 */
export const MergeChunk = Type.Union([
  Type.Object({ kind: Type.Literal('ok'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('conflict'), base: Type.String(), ours: Type.String(), theirs: Type.String() }),
]);
export type MergeChunk = Static<typeof MergeChunk>;

/** `details` of a 409 `merge_conflict`: resolve the chunks, then save again against `currentRevision`. */
export interface MergeConflictDetails {
  chunks: MergeChunk[];
  currentRevision: number;
}

export const DiffQuery = Type.Object({ from: RevisionNumber, to: RevisionNumber });

export const SectionDiff = Type.Object({ from: RevisionSummary, to: RevisionSummary, diff: TextDiff });
export type SectionDiff = Static<typeof SectionDiff>;

/**
 * A direct edit by an editor. `markdown` was written on `baseRevision`. After a `merge_conflict`
 * the client sends the text it resolved as `resolvedMarkdown`, with the `currentRevision` the
 * conflict was computed against.
 */
export const EditSectionBody = Type.Object(
  {
    baseRevision: RevisionNumber,
    markdown: Type.String({ maxLength: MAX_SECTION_LENGTH }),
    summary: Summary,
    resolvedMarkdown: Type.Optional(Type.String({ maxLength: MAX_SECTION_LENGTH })),
    currentRevision: Type.Optional(RevisionNumber),
  },
  { additionalProperties: false },
);
export type EditSectionBody = Static<typeof EditSectionBody>;

/** `merged`: others' changes landed after the base, and the saved text combines both. */
export const EditSectionResult = Type.Object({ revision: RevisionDetail, merged: Type.Boolean() });
export type EditSectionResult = Static<typeof EditSectionResult>;

export const RevertBody = Type.Object({ summary: Type.Optional(Summary) }, { additionalProperties: false });

export const LockBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

/** A locked section takes no new proposals; editors can still edit and revert it. */
export const SectionLock = Type.Union([
  Type.Object({
    at: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    by: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
  }),
  Type.Null(),
]);
export type SectionLock = Static<typeof SectionLock>;

export const RevisionHistory = Type.Object({ revisions: Type.Array(RevisionSummary), lock: SectionLock });
export type RevisionHistory = Static<typeof RevisionHistory>;

export const MarkAddressedBody = Type.Object({ revision: RevisionNumber }, { additionalProperties: false });

/** An orphaned comment with the passage it was written on: `text.slice(start, end)` of that revision's block. */
export const OrphanedComment = Type.Object({
  comment: CommentView,
  passage: Type.Object({ revision: Type.Integer(), blockId: Type.String(), exact: Type.String(), start: Type.Integer(), end: Type.Integer() }),
});
export type OrphanedComment = Static<typeof OrphanedComment>;

/** A passage of the current text, as a comment would point at it. */
export const Passage = Type.Object({ blockId: Type.String(), exact: Type.String(), start: Type.Integer(), end: Type.Integer() });
export type Passage = Static<typeof Passage>;

/** A comment whose placement re-anchoring was unsure of, with look-alike passages an editor may re-point it to. */
export const AnchorReviewItem = Type.Object({ comment: CommentView, candidates: Type.Array(Passage) });
export type AnchorReviewItem = Static<typeof AnchorReviewItem>;

/** Where an editor re-points a comment: `start`/`end` are offsets in that block's `text` of the current version. */
export const RepointBody = Type.Object({
  blockId: Type.String({ minLength: 1, maxLength: 100 }),
  start: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  end: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export type RepointBody = Static<typeof RepointBody>;

/** One comment's anchor in the bulk read of a section's anchors. */
export const SectionAnchor = Type.Object({ commentId: Type.Integer(), anchor: AnchorView });
export type SectionAnchor = Static<typeof SectionAnchor>;

/** `after`: the `nextAfter` of the page before (block index, start offset and comment id). */
export const SectionAnchorsQuery = Type.Object({ after: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}\\.[0-9]{1,9}\\.[0-9]{1,10}$' })) });
export type SectionAnchorsQuery = Static<typeof SectionAnchorsQuery>;

/** One page of a section's anchors in text order; `nextAfter` continues it (null at the end). */
export const SectionAnchorsPage = Type.Object({ anchors: Type.Array(SectionAnchor), nextAfter: Type.Union([Type.String(), Type.Null()]) });
export type SectionAnchorsPage = Static<typeof SectionAnchorsPage>;
