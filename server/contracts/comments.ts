import { Type, type Static } from 'typebox';

export const CommentKind = Type.Union([
  Type.Literal('support'),
  Type.Literal('object'),
  Type.Literal('question'),
  Type.Literal('suggestion'),
  Type.Literal('evidence'),
  Type.Literal('general'),
]);
export type CommentKind = Static<typeof CommentKind>;

export const CommentStatus = Type.Union([Type.Literal('visible'), Type.Literal('pending'), Type.Literal('hidden'), Type.Literal('deleted')]);
export type CommentStatus = Static<typeof CommentStatus>;

export const AnchorState = Type.Union([Type.Literal('anchored'), Type.Literal('moved'), Type.Literal('orphaned')]);
export type AnchorState = Static<typeof AnchorState>;

/** Longest comment body, in characters. */
export const MAX_COMMENT_LENGTH = 10_000;
/** Replies nest at most this deep (a top-level comment is level 1); deeper replies join the deepest level. */
export const MAX_THREAD_DEPTH = 3;

/** A passage of the current revision: `exact` is `text.slice(start, end)` of block `blockId`. */
export const AnchorInput = Type.Object(
  {
    blockId: Type.String({ minLength: 1, maxLength: 100 }),
    exact: Type.String({ minLength: 1, maxLength: 20_000 }),
    prefix: Type.Optional(Type.String({ maxLength: 200 })),
    suffix: Type.Optional(Type.String({ maxLength: 200 })),
    start: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    end: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type AnchorInput = Static<typeof AnchorInput>;

export const AnchorView = Type.Object({
  blockId: Type.String(),
  /** The passage's words in the current version (where the comment now points). */
  exact: Type.String(),
  /** The words the author quoted when posting, kept for ever; differs from `exact` once the text changed. */
  quote: Type.String(),
  prefix: Type.String(),
  suffix: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  state: AnchorState,
  /**
   * How the last re-anchoring placed it: the same words at the mapped place ('exact'), the passage's
   * own edited words ('diff'), a look-alike ('fuzzy'), or an editor re-pointed it ('editor'); null
   * before the text first changed. `score` (0–1) is how sure that placement is.
   */
  method: Type.Union([Type.Literal('exact'), Type.Literal('diff'), Type.Literal('fuzzy'), Type.Literal('editor'), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
});
export type AnchorView = Static<typeof AnchorView>;

const CommentBodyText = Type.String({ maxLength: MAX_COMMENT_LENGTH });

/** Longest organisation name, in characters. */
export const MAX_ORGANISATION_LENGTH = 200;
/** Whether the author writes as an individual or on behalf of an organisation (named). */
export const Respondent = Type.Object(
  {
    type: Type.Union([Type.Literal('individual'), Type.Literal('organisation')]),
    organisation: Type.Optional(Type.String({ maxLength: MAX_ORGANISATION_LENGTH })),
  },
  { additionalProperties: false },
);
export type Respondent = Static<typeof Respondent>;
export const RespondentView = Type.Object({ type: Respondent.properties.type, organisation: Type.Union([Type.String(), Type.Null()]) });
export type RespondentView = Static<typeof RespondentView>;

export const CreateCommentBody = Type.Object(
  {
    kind: CommentKind,
    body: CommentBodyText,
    parentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    anchor: Type.Optional(AnchorInput),
    /** The question (of this section) the comment answers; top-level comments only. */
    questionId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    respondent: Type.Optional(Respondent),
  },
  { additionalProperties: false },
);
export type CreateCommentBody = Static<typeof CreateCommentBody>;

export const UpdateCommentBody = Type.Object({ body: CommentBodyText }, { additionalProperties: false });
export type UpdateCommentBody = Static<typeof UpdateCommentBody>;

export const CommentSort = Type.Union([Type.Literal('newest'), Type.Literal('endorsed'), Type.Literal('position')]);
export type CommentSort = Static<typeof CommentSort>;

export const ListCommentsQuery = Type.Object({
  sort: Type.Optional(CommentSort),
  kind: Type.Optional(CommentKind),
  block: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /**
   * The log position the reader's live channel stands at (`liveSeq` of the section it opened,
   * then the last event it applied). A signed-out reader may then get a page read a moment ago
   * (up to `SECTION_PAGE_LAG_MS`) if it is at least that recent; without it the page is exact.
   */
  since: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ListCommentsQuery = Static<typeof ListCommentsQuery>;

/**
 * A comment as a viewer may see it. Tombstones (deleted, or hidden from this viewer) keep their
 * place in the thread with an empty body, no author and a `notice` saying why.
 */
export const CommentView = Type.Object({
  id: Type.Integer(),
  kind: CommentKind,
  body: Type.String(),
  html: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  author: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]),
  anchor: Type.Union([AnchorView, Type.Null()]),
  /** Number of the revision the comment was written on. */
  revision: Type.Integer(),
  status: CommentStatus,
  endorsements: Type.Integer(),
  /** Only over HTTP, for a signed-in viewer: whether they endorsed it. */
  endorsedByMe: Type.Optional(Type.Boolean()),
  /** Only in lists and permalinks over HTTP, for a signed-in viewer: whether they reported it (so it is not offered again). */
  reportedByMe: Type.Optional(Type.Boolean()),
  /** Only in lists and permalinks over HTTP, on a top-level comment for a signed-in viewer: whether they follow its thread. */
  followedByMe: Type.Optional(Type.Boolean()),
  createdAt: Type.String(),
  edited: Type.Boolean(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  /** Why the content is not shown (or is shown only to its author and moderators). */
  notice: Type.Union([Type.String(), Type.Null()]),
  /** True on an editor's or moderator's answer in a closed thread ("Official response"). */
  official: Type.Optional(Type.Boolean()),
  /** The question this comment answers (see `GET /api/consultations/:c/questions`). */
  questionId: Type.Optional(Type.Integer()),
  /** Whether the author wrote as an individual or for an organisation, when they said. */
  respondent: Type.Optional(RespondentView),
  /** Set on a thread's top-level comment once a moderator closes the thread. */
  closed: Type.Union([Type.Object({ at: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  /** Present once an editor marks the comment as addressed by a later version of the section. */
  addressed: Type.Optional(
    Type.Object({ revision: Type.Integer(), by: Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]), at: Type.String() }),
  ),
});
export type CommentView = Static<typeof CommentView>;

/**
 * A comment as stored and logged, before it is shown to anyone: the view without the viewer's own
 * flags, plus what only its author and moderators may see. The comments policy turns it into each
 * viewer's `CommentView`.
 */
export type CommentRecord = Omit<CommentView, 'endorsedByMe' | 'reportedByMe' | 'followedByMe' | 'notice'> & {
  authorId: number | null;
  hiddenReason: string | null;
};

/** Top-level comments by kind, plus their total. */
export const CommentCounts = Type.Object({
  support: Type.Integer(),
  object: Type.Integer(),
  question: Type.Integer(),
  suggestion: Type.Integer(),
  evidence: Type.Integer(),
  general: Type.Integer(),
  total: Type.Integer(),
});
export type CommentCounts = Static<typeof CommentCounts>;

/**
 * A signed-in reader's own marks on a shared page of comments: ids they endorsed, ids they
 * reported, and top-level ids whose threads they follow. Every other comment on the page is unmarked.
 */
export const ViewerMarks = Type.Object({
  endorsed: Type.Array(Type.Integer()),
  reported: Type.Array(Type.Integer()),
  followed: Type.Array(Type.Integer()),
});
export type ViewerMarks = Static<typeof ViewerMarks>;

export const CommentList = Type.Object({
  /** One page of threads: top-level comments in the chosen order, each followed by its replies (`parentId`). */
  comments: Type.Array(CommentView),
  page: Type.Integer(),
  nextPage: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * Threads with more replies than this page holds: top-level comment id → the reply to fetch
   * after (`GET /api/comments/:id/replies?after=`).
   */
  moreReplies: Type.Record(Type.String(), Type.Integer()),
  /** Over the whole section regardless of filters: by kind, and top-level comments per block id. */
  counts: Type.Object({ byKind: CommentCounts, byBlock: Type.Record(Type.String(), Type.Integer()) }),
  /** The log position the page was read at: live events after it are not in it. */
  liveSeq: Type.Integer(),
  /**
   * For most signed-in readers: the page is the one everyone shares (no `…ByMe` on its comments)
   * and these are the reader's own marks on it, for the client to set. Absent when the comments
   * already carry the viewer's marks (moderators; authors of a pending or hidden comment here).
   */
  mine: Type.Optional(ViewerMarks),
});
export type CommentList = Static<typeof CommentList>;

export const CommentResponse = Type.Object({ comment: CommentView });

/** A comment with its whole thread (top-level comment first), for permalinks. */
export const CommentPermalink = Type.Object({
  comment: CommentView,
  /** The top-level comment, the first replies, and the linked comment wherever it is in the thread. */
  thread: Type.Array(CommentView),
  /** Where `GET /api/comments/:id/replies?after=` continues the thread, or null when it is all here. */
  moreReplies: Type.Union([Type.Integer(), Type.Null()]),
});
export type CommentPermalink = Static<typeof CommentPermalink>;

export const RepliesQuery = Type.Object({ after: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) });
export type RepliesQuery = Static<typeof RepliesQuery>;

/** One page of a thread's replies, oldest first; `nextAfter` continues it (null at the end). */
export const RepliesPage = Type.Object({ replies: Type.Array(CommentView), nextAfter: Type.Union([Type.Integer(), Type.Null()]) });
export type RepliesPage = Static<typeof RepliesPage>;

export const CommentVersion = Type.Object({ version: Type.Integer(), body: Type.String(), html: Type.String(), createdAt: Type.String() });
export type CommentVersion = Static<typeof CommentVersion>;

export const CommentIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
