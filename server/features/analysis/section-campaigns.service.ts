import type { SectionCampaign } from '../../contracts/analysis';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { visibleResponses } from '../comments/responses.service';
import { requireSection } from '../consultations/consultations.service';
import { wordChanges } from './analysis.presenter';
import { sectionCampaignMembers } from './analysis.repository';

/** Bounds on one section's read: members looked at, and copies diffed and sent per campaign (the size still counts them all). */
const MAX_MEMBERS = 5_000;
const VARIANTS_SHOWN = 100;
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
    return { id, size: g.members.length, representativeId, variantIds: g.members.filter((m) => m !== representativeId).slice(0, VARIANTS_SHOWN) };
  });
  const texts = await textsOf(db, shown.flatMap((g) => [g.representativeId, ...g.variantIds]));
  return shown
    .sort((a, b) => b.size - a.size || a.id - b.id)
    .map(({ id, size, representativeId, variantIds }) => {
      const representative = texts.get(representativeId)!.body;
      const variants = variantIds.map((v) => ({ id: v, author: texts.get(v)!.author, differs: wordChanges(representative, texts.get(v)!.body) }));
      return { id, size, representativeId, variants };
    });
}

async function textsOf(db: Db, ids: number[]) {
  const texts = new Map<number, { body: string; author: string | null }>();
  for (let i = 0; i < ids.length; i += CHUNK) for (const r of await visibleResponses(db, ids.slice(i, i + CHUNK))) texts.set(r.id, r);
  return texts;
}
