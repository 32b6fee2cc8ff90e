import { describe, expect, it } from 'vitest';
import { type AnalysedResponse, analyse } from '../../server/features/analysis/engine/analyse';
import { labelledResponses } from '../fixtures/analysis/responses';
import { macroF1, scoreCampaigns } from '../fixtures/analysis/score';

// The engine scored on the labelled fixture (2,400 responses, 12 themes, 4 template campaigns).
// Floors are set just under what it measures (pair recall 1.000, false merges 0.00004, macro F1 0.96).
const fixture = labelledResponses();
const fresh = (inScope = true): AnalysedResponse[] => fixture.map((r, i) => ({ id: i + 1, text: r.text, inScope, known: false, campaignId: null, pinned: false }));

/** Campaign of each response after a run: a new group is named by its first member. */
function groupsOf(output: ReturnType<typeof analyse>): number[] {
  const group = fixture.map((_, i) => i + 1);
  for (const c of output.campaigns) for (const id of c.commentIds) group[id - 1] = c.campaignId ?? c.commentIds[0]!;
  return group;
}

function themesOf(output: ReturnType<typeof analyse>): number[][] {
  const themes = fixture.map((): number[] => []);
  for (const a of output.assignments) themes[a.commentId - 1]!.push(a.theme);
  return themes;
}

describe('analysis engine on the labelled fixture', () => {
  const output = analyse({ responses: fresh(), themeCount: null, themes: [], assigned: [] });

  it('groups template campaigns with at least 99% pair recall and at most 0.5% false merges', () => {
    const score = scoreCampaigns(fixture.map((r) => r.campaign), groupsOf(output));
    expect(score.pairRecall).toBeGreaterThanOrEqual(0.99);
    expect(score.falseMerges).toBeLessThanOrEqual(0.005);
  });

  it('proposes themes that match the hand-labelled ones with macro F1 of at least 0.9', () => {
    expect(output.proposed!.length).toBeGreaterThanOrEqual(10);
    expect(macroF1(fixture.map((r) => r.themes), themesOf(output))).toBeGreaterThanOrEqual(0.9);
    expect(output.proposed!.some((t) => t.keyPhrases.includes('cloud'))).toBe(true);
  });

  it('gives the same themes for the same responses', () => {
    const again = analyse({ responses: fresh(), themeCount: null, themes: [], assigned: [] });
    expect(again.proposed!.map((t) => t.keyPhrases)).toEqual(output.proposed!.map((t) => t.keyPhrases));
    expect(again.assignments).toEqual(output.assignments);
  });

  it('takes the theme count an analyst asks for', () => {
    const five = analyse({ responses: fresh(), themeCount: 5, themes: [], assigned: [] });
    expect(five.proposed).toHaveLength(5);
  });

  it('on a second run keeps placed responses, adds new copies to their campaign and suggests new responses into existing themes', () => {
    const half = fixture.length / 2;
    const first = analyse({ responses: fresh().slice(0, half), themeCount: null, themes: [], assigned: [] });
    const campaignIds = new Map<number, number>();
    first.campaigns.forEach((c, n) => c.commentIds.forEach((id) => campaignIds.set(id, 1000 + n)));
    const themes = first.proposed!.map((_, t) => ({ id: 500 + t, members: first.assignments.filter((a) => a.theme === t).map((a) => a.commentId) }));
    const responses = fresh().map((r) => (r.id <= half ? { ...r, known: true, campaignId: campaignIds.get(r.id) ?? null } : r));
    const second = analyse({ responses, themeCount: null, themes, assigned: first.assignments.map((a) => a.commentId) });
    expect(second.proposed).toBeNull();
    const intoExisting = second.campaigns.filter((c) => c.campaignId !== null).flatMap((c) => c.commentIds);
    expect(intoExisting.every((id) => id > half)).toBe(true);
    const laterCopies = fixture.slice(half).filter((r) => r.campaign !== null).length;
    expect(intoExisting.length).toBeGreaterThanOrEqual(laterCopies * 0.99);
    expect(second.assignments.every((a) => a.commentId > half && a.theme >= 500)).toBe(true);
    const suggested = new Set(second.assignments.map((a) => a.commentId));
    expect(suggested.size).toBeGreaterThan(half * 0.95);
  });

  it('never links a response a person pinned', () => {
    const pinned = fresh().map((r) => (fixture[r.id - 1]!.campaign === 'open-code' ? { ...r, known: true, pinned: true } : r));
    const run = analyse({ responses: pinned, themeCount: 3, themes: [], assigned: [] });
    const placed = new Set(run.campaigns.flatMap((c) => c.commentIds));
    expect(pinned.filter((r) => r.pinned).some((r) => placed.has(r.id))).toBe(false);
  });
});
