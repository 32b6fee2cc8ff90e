import { Type, type Static } from 'typebox';

// Response analysis (issue 19): jobs, campaigns and themes, as the API sends them.

export const AnalysisJob = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  stage: Type.String(),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  scope: Type.Union([Type.Literal('consultation'), Type.Literal('section')]),
  section: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type AnalysisJob = Static<typeof AnalysisJob>;

export const StartAnalysisBody = Type.Object(
  {
    /** Theme only this section's responses (campaigns are always grouped across the consultation). */
    section: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' })),
    /** How many themes to propose; left out, the engine chooses. */
    themeCount: Type.Optional(Type.Integer({ minimum: 2, maximum: 40 })),
  },
  { additionalProperties: false },
);

export const ResponseQuote = Type.Object({
  id: Type.Integer(),
  section: Type.String(),
  kind: Type.String(),
  author: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  url: Type.String(),
});
export type ResponseQuote = Static<typeof ResponseQuote>;

/** Words of a copy that differ from the campaign's representative text. */
export const WordChange = Type.Object({ change: Type.Union([Type.Literal('added'), Type.Literal('removed')]), words: Type.String() });
export type WordChange = Static<typeof WordChange>;

export const CampaignSummary = Type.Object({ id: Type.Integer(), size: Type.Integer(), representative: ResponseQuote });
export type CampaignSummary = Static<typeof CampaignSummary>;

export const CampaignMember = Type.Object({ response: ResponseQuote, changes: Type.Array(WordChange) });
export type CampaignMember = Static<typeof CampaignMember>;

export const CampaignDetail = Type.Object({ id: Type.Integer(), size: Type.Integer(), representative: ResponseQuote, members: Type.Array(CampaignMember) });
export type CampaignDetail = Static<typeof CampaignDetail>;

export const KindCounts = Type.Record(Type.String(), Type.Integer());

export const Theme = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  keyPhrases: Type.Array(Type.String()),
  origin: Type.Union([Type.Literal('proposed'), Type.Literal('analyst')]),
  size: Type.Integer(),
  kinds: KindCounts,
  representatives: Type.Array(ResponseQuote),
  response: Type.Union([Type.String(), Type.Null()]),
});
export type Theme = Static<typeof Theme>;

export const ThemeChange = Type.Object({ id: Type.Integer(), action: Type.String(), detail: Type.String(), actor: Type.String(), createdAt: Type.String() });
export type ThemeChange = Static<typeof ThemeChange>;

export const ThemeBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** The body's published response to this theme ("you said, we did"). */
    response: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** One copy of a campaign as readers see it beside the representative: only the words that differ. */
export const CampaignVariant = Type.Object({ id: Type.Integer(), author: Type.Union([Type.String(), Type.Null()]), differs: Type.Array(WordChange) });
export type CampaignVariant = Static<typeof CampaignVariant>;

/**
 * A campaign with two or more visible responses in one section: `size` of them, shown as the
 * representative comment with the others (`copyIds`) collapsed under it, the first of them diffed in `variants`.
 */
export const SectionCampaign = Type.Object({
  id: Type.Integer(),
  size: Type.Integer(),
  representativeId: Type.Integer(),
  copyIds: Type.Array(Type.Integer()),
  variants: Type.Array(CampaignVariant),
});
export type SectionCampaign = Static<typeof SectionCampaign>;
