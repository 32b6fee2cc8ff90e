import { Type, type Static } from 'typebox';
import { ResponseQuote } from './analysis';
import { CommentCounts } from './comments';

// "You said, we did" (issue 19, point 4): the outcome organised by theme, and what editors write for it.

/** A version an editor linked to a theme: it changed because of what people said there. */
export const ThemeRevision = Type.Object({ id: Type.Integer(), section: Type.String(), sectionTitle: Type.String(), number: Type.Integer(), summary: Type.String() });
export type ThemeRevision = Static<typeof ThemeRevision>;

/** What people said in one theme: the same on the published outcome and in the outcome editor. */
const themeSaid = {
  id: Type.Integer(),
  label: Type.String(),
  /** The section's title for a theme of one section; null for a theme of the whole consultation. */
  section: Type.Union([Type.String(), Type.Null()]),
  size: Type.Integer(),
  kinds: CommentCounts,
  representatives: Type.Array(ResponseQuote),
};

/** One theme as the published outcome shows it; counts and quotes cover only responses anyone may read. */
export const OutcomeTheme = Type.Object({
  ...themeSaid,
  /** The body's response to the theme, Markdown rendered and sanitised on the server. */
  responseHtml: Type.String(),
  revisions: Type.Array(ThemeRevision),
});
export type OutcomeTheme = Static<typeof OutcomeTheme>;

/** Responses an editor listed as "not themed" (only those anyone may read, and in no theme). */
export const NotThemed = Type.Object({ total: Type.Integer(), responses: Type.Array(ResponseQuote) });
export type NotThemed = Static<typeof NotThemed>;

/** A theme as the outcome editor shows it: what people said, the response so far and the linked versions. */
export const DraftTheme = Type.Object({
  ...themeSaid,
  response: Type.Union([Type.String(), Type.Null()]),
  revisionIds: Type.Array(Type.Integer()),
});
export type DraftTheme = Static<typeof DraftTheme>;

/** Everything the outcome editor needs to organise the outcome by theme. */
export const OutcomeDraft = Type.Object({
  themes: Type.Array(DraftTheme),
  /** Versions published since the consultation opened: the ones a theme can be linked to. */
  revisions: Type.Array(ThemeRevision),
  /** Responses in no theme and not yet listed as not themed: publishing waits for these. */
  unsorted: Type.Object({ total: Type.Integer(), responses: Type.Array(ResponseQuote) }),
  notThemed: NotThemed,
});
export type OutcomeDraft = Static<typeof OutcomeDraft>;

export const ThemeOutcomeBody = Type.Object(
  {
    /** The body's response to the theme (Markdown). */
    response: Type.String({ maxLength: 20_000 }),
    /** Versions that changed because of the theme, from `OutcomeDraft.revisions`. */
    revisionIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ThemeOutcomeBody = Static<typeof ThemeOutcomeBody>;

export const NotThemedBody = Type.Object(
  {
    /** The responses to list as not themed; left out, every response that is in no theme. */
    commentIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type NotThemedBody = Static<typeof NotThemedBody>;
