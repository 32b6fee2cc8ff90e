import { Type, type Static } from 'typebox';
import { CommentCounts, CommentKind } from './comments';
import { ConsultationSummary } from './consultations';
import { NotThemed, OutcomeTheme } from './outcome-themes';

const Person = Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]);

/** A comment an editor marked "addressed in version N", as anyone may read it. */
export const AddressedComment = Type.Object({ id: Type.Integer(), kind: CommentKind, excerpt: Type.String(), author: Person });
export type AddressedComment = Static<typeof AddressedComment>;

/** A proposal merged as this version, crediting its author. */
export const MergedProposal = Type.Object({ id: Type.Integer(), summary: Type.String(), author: Person });
export type MergedProposal = Static<typeof MergedProposal>;

/** A version published after the consultation opened; `previous` is the number to diff it against. */
export const OutcomeRevision = Type.Object({
  number: Type.Integer(),
  previous: Type.Union([Type.Integer(), Type.Null()]),
  summary: Type.String(),
  createdAt: Type.String(),
  author: Person,
  mergedProposals: Type.Array(MergedProposal),
  addressedComments: Type.Array(AddressedComment),
});
export type OutcomeRevision = Static<typeof OutcomeRevision>;

export const OutcomeSection = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  retired: Type.Boolean(),
  /** Top-level comments anyone may read, by kind. */
  responses: CommentCounts,
  /** Versions published after the consultation opened, oldest first. */
  revisions: Type.Array(OutcomeRevision),
});
export type OutcomeSection = Static<typeof OutcomeSection>;

/** The published outcome: the response (Markdown rendered on the server), what changed, and the numbers. */
export const OutcomeReport = Type.Object({
  consultation: ConsultationSummary,
  publishedAt: Type.String(),
  summaryHtml: Type.String(),
  /** Top-level comments anyone may read, by kind, over every section. */
  responses: CommentCounts,
  sections: Type.Array(OutcomeSection),
  /** The consultation's numbered questions, each with the answers anyone may read. */
  questions: Type.Array(Type.Object({ number: Type.Integer(), text: Type.String(), section: Type.String(), answers: Type.Integer() })),
  /** What people said, by theme, largest first, with the body's response to each ("you said, we did"); empty when no analysis was run. */
  themes: Type.Array(OutcomeTheme),
  /** The responses editors listed as "not themed". */
  notThemed: NotThemed,
});
export type OutcomeReport = Static<typeof OutcomeReport>;
