import { Type, type Static } from 'typebox';
import { PublicUser } from './auth';
import { CommentView } from './comments';

export const ReportReason = Type.Union([Type.Literal('spam'), Type.Literal('abuse'), Type.Literal('off-topic'), Type.Literal('duplicate'), Type.Literal('other')]);
export type ReportReason = Static<typeof ReportReason>;

/** What a moderator writes for the public (tombstones, the log): required, plain text. */
const PublicReason = Type.String({ minLength: 1, maxLength: 500 });

export const ReportBody = Type.Object(
  { reason: ReportReason, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

export const ReportResponse = Type.Object({ report: Type.Object({ commentId: Type.Integer(), reason: ReportReason, createdAt: Type.String() }) });
export type ReportResponse = Static<typeof ReportResponse>;

export const HideBody = Type.Object({ reason: PublicReason }, { additionalProperties: false });
export const CloseBody = Type.Object({ note: PublicReason }, { additionalProperties: false });

export const BulkAction = Type.Union([Type.Literal('hide'), Type.Literal('restore'), Type.Literal('dismiss-reports'), Type.Literal('approve')]);
export type BulkAction = Static<typeof BulkAction>;

export const BulkActionBody = Type.Object(
  {
    commentIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    action: BulkAction,
    /** Required for `hide`: shown in place of each comment. */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type BulkActionBody = Static<typeof BulkActionBody>;

export const CommentsResponse = Type.Object({ comments: Type.Array(CommentView) });

export const BlockAccountBody = Type.Object(
  { reason: PublicReason, hideAll: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type BlockAccountBody = Static<typeof BlockAccountBody>;

/** The account as it now is, and how many of its comments were hidden with it. */
export const BlockAccountResponse = Type.Object({ user: PublicUser, hidden: Type.Integer() });
export type BlockAccountResponse = Static<typeof BlockAccountResponse>;

export const SectionCommentsState = Type.Object({
  section: Type.Object({
    slug: Type.String(),
    commentsClosed: Type.Union([Type.Object({ at: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  }),
});
export type SectionCommentsState = Static<typeof SectionCommentsState>;

const Person = Type.Object({ username: Type.String(), displayName: Type.String() });
const Place = Type.Object({ consultation: Type.String(), section: Type.String(), sectionTitle: Type.String() });

export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });

export const QueueItem = Type.Object({
  /** The comment as moderators see it: its text even when hidden or pending. */
  comment: CommentView,
  where: Place,
  /** The passage the thread is about (its top-level comment's quote), if any. */
  passage: Type.Union([Type.String(), Type.Null()]),
  /** The comment this one replies to. */
  parent: Type.Union([CommentView, Type.Null()]),
  /** Open reports, oldest first. */
  reports: Type.Array(Type.Object({ reason: ReportReason, note: Type.Union([Type.String(), Type.Null()]), reporter: Person, createdAt: Type.String() })),
  /** The author's record so far: comments written, hidden by moderators, reports received. */
  author: Type.Union([
    Type.Object({
      id: Type.Integer(),
      ...Person.properties,
      blocked: Type.Boolean(),
      joinedAt: Type.String(),
      comments: Type.Integer(),
      hidden: Type.Integer(),
      reports: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export type QueueItem = Static<typeof QueueItem>;

export const ModerationQueue = Type.Object({ items: Type.Array(QueueItem), page: Type.Integer(), nextPage: Type.Union([Type.Integer(), Type.Null()]) });
export type ModerationQueue = Static<typeof ModerationQueue>;

/** What in the proposals can be reported and moderated. */
export const ProposalTarget = Type.Union([Type.Literal('proposal'), Type.Literal('proposal-comment')]);
export type ProposalTarget = Static<typeof ProposalTarget>;

export const ProposalReportResponse = Type.Object({ report: Type.Object({ target: ProposalTarget, id: Type.Integer(), reason: ReportReason, createdAt: Type.String() }) });
export type ProposalReportResponse = Static<typeof ProposalReportResponse>;

/** A proposal or proposal comment after a moderator's action. */
export const ModeratedResponse = Type.Object({
  target: ProposalTarget,
  id: Type.Integer(),
  moderation: Type.Union([Type.Literal('visible'), Type.Literal('pending'), Type.Literal('hidden')]),
  notice: Type.Union([Type.String(), Type.Null()]),
});
export type ModeratedResponse = Static<typeof ModeratedResponse>;

/** A proposal or proposal comment waiting for approval or reported, with what a moderator needs to decide. */
export const ProposalQueueItem = Type.Object({
  target: ProposalTarget,
  id: Type.Integer(),
  proposalId: Type.Integer(),
  /** The proposal's summary (its text is on its page). */
  proposalSummary: Type.String(),
  /** The item's own text: the proposal's summary, or the comment. Moderators read hidden text. */
  text: Type.String(),
  moderation: ModeratedResponse.properties.moderation,
  notice: Type.Union([Type.String(), Type.Null()]),
  where: Place,
  createdAt: Type.Union([Type.String(), Type.Null()]),
  reports: QueueItem.properties.reports,
  author: Type.Union([Type.Object({ id: Type.Integer(), ...Person.properties, blocked: Type.Boolean(), joinedAt: Type.String() }), Type.Null()]),
});
export type ProposalQueueItem = Static<typeof ProposalQueueItem>;

export const ProposalQueue = Type.Object({ items: Type.Array(ProposalQueueItem), page: Type.Integer(), nextPage: Type.Union([Type.Integer(), Type.Null()]) });
export type ProposalQueue = Static<typeof ProposalQueue>;

export const ModerationAction = Type.Union([
  Type.Literal('hide'),
  Type.Literal('auto-hide'),
  Type.Literal('restore'),
  Type.Literal('approve'),
  Type.Literal('dismiss-reports'),
  Type.Literal('close-thread'),
  Type.Literal('reopen-thread'),
  Type.Literal('close-section'),
  Type.Literal('reopen-section'),
  Type.Literal('block'),
  Type.Literal('unblock'),
  /** A person deleted their own account (logged without their name). */
  Type.Literal('delete-account'),
]);
export type ModerationAction = Static<typeof ModerationAction>;

/** One public log entry: who did what to which comment, account or section, why and when — never the comment's text. */
export const LogEntry = Type.Object({
  id: Type.Integer(),
  action: ModerationAction,
  /** Null when the system acted (a comment hidden after enough reports). */
  actor: Type.Union([Person, Type.Null()]),
  commentId: Type.Union([Type.Integer(), Type.Null()]),
  /** Set when the action was on a proposal, or on a comment in a proposal's discussion. */
  proposalId: Type.Union([Type.Integer(), Type.Null()]),
  proposalCommentId: Type.Union([Type.Integer(), Type.Null()]),
  user: Type.Union([Person, Type.Null()]),
  where: Type.Union([Place, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type LogEntry = Static<typeof LogEntry>;

export const ModerationLog = Type.Object({ entries: Type.Array(LogEntry), page: Type.Integer(), nextPage: Type.Union([Type.Integer(), Type.Null()]) });
export type ModerationLog = Static<typeof ModerationLog>;
