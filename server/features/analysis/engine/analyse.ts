import { groupNearDuplicates } from './campaign-grouping';
import { proposeThemes, suggestIntoThemes, type ProposedTheme } from './theme-clustering';

/**
 * One analysis run, pure (no database): campaigns grouped among the responses not yet placed, then
 * themes proposed for the scope (or, once themes exist there, new responses suggested into them).
 * Runs in the analysis worker thread; tests and the benchmark call it directly too.
 */
export interface AnalysedResponse {
  readonly id: number;
  readonly text: string;
  /** In the scope being themed (campaigns are always grouped across the whole consultation). */
  readonly inScope: boolean;
  /** Placed by an earlier run or a person: its campaign (or null: its own) is kept. */
  readonly known: boolean;
  readonly campaignId: number | null;
  /** A person split it out or joined it: never linked by the engine. */
  readonly pinned: boolean;
}

export interface AnalysisInput {
  /** In arrival (id) order. */
  readonly responses: readonly AnalysedResponse[];
  readonly themeCount: number | null;
  /** The scope's themes as they stand; empty: propose new ones. */
  readonly themes: readonly { readonly id: number; readonly members: readonly number[] }[];
  /** Responses that already have an assignment row (any state) in the scope's themes: left as they are. */
  readonly assigned: readonly number[];
}

export interface CampaignPlacement {
  /** Existing campaign, or null: a new one whose representative is the first of `commentIds`. */
  readonly campaignId: number | null;
  readonly commentIds: number[];
}

export interface ThemeAssignment {
  /** Index into `proposed` when themes were proposed, else the existing theme's id. */
  readonly theme: number;
  readonly commentId: number;
  readonly score: number;
}

/** Rows of the persisted LSH band index for the responses seen for the first time (see campaign-arrival.service.ts). */
export interface BandIndex {
  readonly commentIds: Int32Array;
  readonly keys: Int32Array;
}

export interface AnalysisOutput {
  readonly campaigns: CampaignPlacement[];
  readonly index: BandIndex;
  /** Responses seen for the first time that are of their own. */
  readonly singles: number[];
  readonly proposed: ProposedTheme[] | null;
  readonly assignments: ThemeAssignment[];
}

/** Indexes 0…count-1 grouped by key, in first-seen order (null: left out). */
function groupIndexes<K>(count: number, keyOf: (i: number) => K | null): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (let i = 0; i < count; i += 1) {
    const key = keyOf(i);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return groups;
}

export type Progress = (stage: 'grouping' | 'theming', share: number) => void;

function placeCampaigns(responses: readonly AnalysedResponse[], onProgress: Progress): { campaigns: CampaignPlacement[]; singles: number[]; groupOf: string[]; index: BandIndex } {
  const indexed: number[] = [];
  const roots = groupNearDuplicates(
    responses.map((r) => ({ text: r.text, linkable: !r.pinned })),
    (done) => onProgress('grouping', done / responses.length),
    (i, key) => {
      if (!responses[i]!.known) indexed.push(responses[i]!.id, key);
    },
  );

  const components = groupIndexes(roots.length, (i) => roots[i]!);
  const groupOf = responses.map((r) => (r.campaignId !== null ? `c${r.campaignId}` : `r${r.id}`));
  const campaigns: CampaignPlacement[] = [];
  const singles: number[] = [];
  for (const members of components.values()) {
    const movable = members.filter((i) => !responses[i]!.known || (responses[i]!.campaignId === null && !responses[i]!.pinned));
    const existing = members.map((i) => responses[i]!.campaignId).filter((id): id is number => id !== null);
    const campaignId = existing.length > 0 ? Math.min(...existing) : null;
    if (campaignId === null && members.length < 2) {
      if (!responses[members[0]!]!.known) singles.push(responses[members[0]!]!.id);
      continue;
    }
    if (movable.length === 0 || (campaignId === null && movable.length < 2)) {
      for (const i of movable) if (!responses[i]!.known) singles.push(responses[i]!.id);
      continue;
    }
    campaigns.push({ campaignId, commentIds: movable.map((i) => responses[i]!.id) });
    const key = campaignId !== null ? `c${campaignId}` : `n${responses[movable[0]!]!.id}`;
    for (const i of movable) groupOf[i] = key;
  }
  // Only campaign members are indexed by a run (an arrival indexes itself): a response of its own
  // from before the index meets a later copy at the next run, and the index stays small.
  const grouped = new Set(campaigns.flatMap((c) => c.commentIds));
  const rows = Array.from({ length: indexed.length / 2 }, (_, n) => n).filter((n) => grouped.has(indexed[2 * n]!));
  const index = { commentIds: Int32Array.from(rows, (n) => indexed[2 * n]!), keys: Int32Array.from(rows, (n) => indexed[2 * n + 1]!) };
  return { campaigns, singles, groupOf, index };
}

export function analyse(input: AnalysisInput, onProgress: Progress = () => {}): AnalysisOutput {
  const { responses } = input;
  const { campaigns, singles, groupOf, index } = placeCampaigns(responses, onProgress);
  onProgress('theming', 0);
  // A campaign is one document for theming: a thousand copies of one text are one opinion's words.
  const docs = [...groupIndexes(responses.length, (i) => (responses[i]!.inScope ? groupOf[i]! : null)).values()];
  const texts = docs.map((members) => responses[members[0]!]!.text);
  const assignments: ThemeAssignment[] = [];
  if (input.themes.length === 0) {
    const proposal = proposeThemes(texts, input.themeCount ?? undefined);
    proposal.assignments.forEach((scores, d) => {
      for (const { theme, score } of scores) for (const i of docs[d]!) assignments.push({ theme, commentId: responses[i]!.id, score });
    });
    return { campaigns, index, singles, proposed: proposal.themes, assignments };
  }
  const docOf = new Map<number, number>();
  docs.forEach((members, d) => members.forEach((i) => docOf.set(responses[i]!.id, d)));
  const assigned = new Set(input.assigned);
  const targets = docs.map((_, d) => d).filter((d) => docs[d]!.some((i) => !assigned.has(responses[i]!.id)));
  const themes = input.themes.map((t) => ({ members: [...new Set(t.members.map((id) => docOf.get(id)).filter((d): d is number => d !== undefined))] }));
  suggestIntoThemes(texts, themes, targets).forEach((scores, t) => {
    for (const { theme, score } of scores) {
      for (const i of docs[targets[t]!]!) if (!assigned.has(responses[i]!.id)) assignments.push({ theme: input.themes[theme]!.id, commentId: responses[i]!.id, score });
    }
  });
  return { campaigns, index, singles, proposed: null, assignments };
}
