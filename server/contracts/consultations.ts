import { Type, type Static } from 'typebox';
import { CommentCounts } from './comments';

export const Phase = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed'), Type.Literal('outcome')]);
export type Phase = Static<typeof Phase>;

export const ConsultationSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  phase: Phase,
});
export type ConsultationSummary = Static<typeof ConsultationSummary>;

export const SectionSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
  revision: Type.Integer(),
  updatedAt: Type.String(),
  /** Top-level comments the caller can read, by kind. */
  commentCounts: CommentCounts,
});
export type SectionSummary = Static<typeof SectionSummary>;

export const ConsultationDetail = Type.Object({
  ...ConsultationSummary.properties,
  introHtml: Type.String(),
  outcome: Type.Union([Type.Object({ html: Type.String(), publishedAt: Type.String() }), Type.Null()]),
  sections: Type.Array(SectionSummary),
  /** Top-level comments the caller can read, by kind, over every section. */
  commentCounts: CommentCounts,
});
export type ConsultationDetail = Static<typeof ConsultationDetail>;

export const BlockSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  html: Type.String(),
  text: Type.String(),
});

export const RevisionDetail = Type.Object({
  number: Type.Integer(),
  markdown: Type.String(),
  html: Type.String(),
  blocks: Type.Array(BlockSchema),
  summary: Type.String(),
  sha256: Type.String(),
  createdAt: Type.String(),
  author: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
});
export type RevisionDetail = Static<typeof RevisionDetail>;

export const RevisionSummary = Type.Object({
  number: Type.Integer(),
  summary: Type.String(),
  sha256: Type.String(),
  createdAt: Type.String(),
  author: RevisionDetail.properties.author,
});
export type RevisionSummary = Static<typeof RevisionSummary>;

export const SectionDetail = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
  consultation: Type.Object({ slug: Type.String(), title: Type.String(), phase: Phase }),
  revision: RevisionDetail,
  commentsClosed: Type.Boolean(),
  /** The section takes new comments now (open, and its comments not closed): show the comment controls to anyone who may act. */
  acceptsComments: Type.Boolean(),
  /** The moderator's note when they closed this section's comments. */
  commentsClosedNote: Type.Union([Type.String(), Type.Null()]),
  /** The live log position this snapshot is at least as new as: subscribe with `since: liveSeq`. */
  liveSeq: Type.Integer(),
});
export type SectionDetail = Static<typeof SectionDetail>;
