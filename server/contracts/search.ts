import { Type, type Static } from 'typebox';
import { CommentKind } from './comments';

/** Longest search text accepted; longer input is refused with 400 rather than cut unseen. */
export const MAX_SEARCH_LENGTH = 10_000;
/** Results per page, for comments (sections are few and come all at once, on the first page). */
export const SEARCH_PAGE_SIZE = 20;

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date, YYYY-MM-DD' });

export const SearchQuery = Type.Object(
  {
    q: Type.String({ maxLength: MAX_SEARCH_LENGTH, description: 'words to find; every word must appear (in any form: "consulting" finds "consultation")' }),
    consultation: Type.Optional(Slug),
    section: Type.Optional(Slug),
    kind: Type.Optional(CommentKind),
    /** Only answers to this question (its id, from `GET /api/consultations/:c/questions`). */
    question: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

const Place = Type.Object({
  consultation: Type.Object({ slug: Type.String(), title: Type.String() }),
  section: Type.Object({ slug: Type.String(), title: Type.String() }),
});

/** `snippet` is HTML: the matched text escaped, the matching words in `<mark>`. */
export const SectionHit = Type.Object({ ...Place.properties, snippet: Type.String() });
export type SectionHit = Static<typeof SectionHit>;

export const CommentHit = Type.Object({
  ...Place.properties,
  snippet: Type.String(),
  commentId: Type.Integer(),
  kind: CommentKind,
  author: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type CommentHit = Static<typeof CommentHit>;

export const SearchResults = Type.Object({
  /** Sections whose current text matches, best first (first page only). */
  sections: Type.Array(SectionHit),
  /** Visible comments that match, newest first. */
  comments: Type.Array(CommentHit),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});
export type SearchResults = Static<typeof SearchResults>;
