import { Type, type Static } from 'typebox';
import { CommentKind } from './comments';

const Count = Type.Integer({ minimum: 0 });
const SectionRef = Type.Object({ slug: Type.String(), title: Type.String() });
/** A comment the dashboard points to, with where it is and its first words. */
const CommentRef = Type.Object({
  id: Type.Integer(),
  section: SectionRef,
  kind: CommentKind,
  excerpt: Type.String(),
  author: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

/**
 * How a consultation is going, for its editors. A response is a top-level comment that was not
 * deleted (pending and hidden ones included: they were received); replies are conversation.
 */
export const Dashboard = Type.Object({
  consultation: Type.Object({ slug: Type.String(), title: Type.String(), opensAt: Type.String(), closesAt: Type.String() }),
  /** The live log position this snapshot is at least as new as: subscribe with `since: liveSeq`. */
  liveSeq: Type.Integer(),
  responses: Count,
  /** Per UTC day (YYYY-MM-DD), days with responses only, oldest first. */
  byDay: Type.Array(Type.Object({ day: Type.String(), responses: Count })),
  /** Every section in reading order, with zero where none. */
  bySection: Type.Array(Type.Object({ ...SectionRef.properties, responses: Count })),
  /** Every kind, with zero where none. */
  byKind: Type.Array(Type.Object({ kind: CommentKind, responses: Count })),
  /** Every question in order, with zero where none. */
  byQuestion: Type.Array(Type.Object({ id: Type.Integer(), number: Type.Integer(), text: Type.String(), responses: Count })),
  /** Open proposals, the longest waiting first (at most 10), and how many are open. */
  waitingProposals: Type.Object({
    total: Count,
    items: Type.Array(Type.Object({ id: Type.Integer(), section: SectionRef, summary: Type.String(), author: Type.Union([Type.String(), Type.Null()]), submittedAt: Type.String() })),
  }),
  /** Visible "question" comments no editor, moderator or official reply has answered, oldest first (at most 10). */
  unansweredQuestions: Type.Object({ total: Count, items: Type.Array(CommentRef) }),
  /** Comments whose passage is gone from the current text, oldest first (at most 10). */
  orphanedComments: Type.Object({ total: Count, items: Type.Array(CommentRef) }),
  /** Visible comments with the most endorsements (at most 10, none without endorsements). */
  mostEndorsed: Type.Array(Type.Object({ ...CommentRef.properties, endorsements: Count })),
  /** Open suggestions on passages and their supports in all; the most supported first (at most 10, none without supports). */
  suggestions: Type.Object({
    open: Count,
    supports: Count,
    mostSupported: Type.Array(
      Type.Object({ id: Type.Integer(), proposalId: Type.Union([Type.Integer(), Type.Null()]), section: SectionRef, reason: Type.String(), author: Type.Union([Type.String(), Type.Null()]), supports: Count }),
    ),
  }),
  /** Comments with open reports, the most reported first (at most 10), and the open reports in all. */
  reportsWaiting: Type.Object({ total: Count, items: Type.Array(Type.Object({ ...CommentRef.properties, reports: Count })) }),
});
export type Dashboard = Static<typeof Dashboard>;
