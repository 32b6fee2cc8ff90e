import type { SectionCampaign } from '../../contracts/analysis';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { visibleResponses } from '../comments/responses.service';
import { requireSection } from '../consultations/consultations.service';
import { wordChanges } from './analysis.presenter';
import { sectionCampaignMembers } from './analysis.repository';

/**
 * Bounds on one section's read: members looked at, and copies diffed per campaign and in all
 * (the size and `copyIds` still hold every copy, so none is listed twice).
 */
const MAX_MEMBERS = 5_000;
const VARIANTS_SHOWN = 50;
const DIFFS_IN_ALL = 500;
/** Texts fetched per query (bound parameters). */
const CHUNK = 1_000;

/**
 * The same for every reader and read once per change to the database (see ReadCache): a new
 * member, a split, a join, a hidden comment or an analysis run is a write, so readers see it at once.
 */
const sectionPages = new ReadCache<SectionCampaign[]>(200);

/** Campaigns with two or more visible responses in the section, largest first: anyone may read them. */
export function sectionCampaigns(db: Db, c: string, s: string): Promise<SectionCampaign[]> {
  return sectionPages.get(db, JSON.stringify([c, s]), () => readSectionCampaigns(db, c, s));
}

async function readSectionCampaigns(db: Db, c: string, s: string): Promise<SectionCampaign[]> {
  const { section } = await requireSection(db, c, s);
  const groups = new Map<number, { representativeId: number; members: number[] }>();
  for (const row of await sectionCampaignMembers(db, section.id, MAX_MEMBERS)) {
    const group = groups.get(row.campaign_id) ?? { representativeId: row.representative_id, members: [] };
    group.members.push(row.comment_id);
    groups.set(row.campaign_id, group);
  }
  const shown = [...groups].filter(([, g]) => g.members.length > 1).map(([id, g]) => {
    // The campaign's own representative when it is visible here, else this section's first copy.
    const representativeId = g.members.includes(g.representativeId) ? g.representativeId : g.members[0]!;
    return { id, size: g.members.length, representativeId, copyIds: g.members.filter((m) => m !== representativeId) };
  });
  shown.sort((a, b) => b.size - a.size || a.id - b.id);
  let budget = DIFFS_IN_ALL;
  const diffed = shown.map((g) => {
    const ids = g.copyIds.slice(0, Math.min(VARIANTS_SHOWN, budget));
    budget -= ids.length;
    return ids;
  });
  const texts = await textsOf(db, shown.flatMap((g, i) => [g.representativeId, ...diffed[i]!]));
  // A comment hidden between the two reads is left out rather than failing the page.
  return shown.flatMap((g, i) => {
    const representative = texts.get(g.representativeId);
    if (!representative) return [];
    const variants = diffed[i]!.flatMap((v) => {
      const copy = texts.get(v);
      return copy ? [{ id: v, author: copy.author, differs: wordChanges(representative.body, copy.body) }] : [];
    });
    return [{ ...g, variants }];
  });
}

async function textsOf(db: Db, ids: number[]) {
  const texts = new Map<number, { body: string; author: string | null }>();
  for (let i = 0; i < ids.length; i += CHUNK) for (const r of await visibleResponses(db, ids.slice(i, i + CHUNK))) texts.set(r.id, r);
  return texts;
}
