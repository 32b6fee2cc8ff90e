import type { Trx } from '../../db/write-transaction';
import { now } from '../../db/time';
import { type NewResponse, visibleResponses } from '../comments/responses.service';
import { insertCampaign, insertResponses, responsesIn, setCampaign } from './analysis.repository';
import { bandMembers, insertBands } from './campaign-index.repository';
import { bandKeys, BUCKET_CAP, sameCampaign, type Signature, signature } from './engine/campaign-grouping';

/**
 * Campaigns grouped as responses arrive: a new response's MinHash band keys are looked up in the
 * persisted LSH index (one query), the few responses sharing the most bands with it are checked on
 * the full signature, and it joins the first one's campaign (or starts one with it). A response a
 * person split out is never a partner, and no one already placed is moved: people's decisions win.
 * The analysis job places whatever this missed (responses approved later, imported, or older).
 */

/** Candidates checked on the full signature, those sharing the most bands first. */
const CANDIDATES = 8;

/** The signature of a response's text, computed before the write transaction opens. */
export const responseSignature = (body: string): Signature => signature(body);

/** Places one just-written response, inside its write transaction (a reply, pending or official comment is none: null). */
export async function placeOnArrival(trx: Trx, response: NewResponse | null, sig: Signature): Promise<void> {
  if (!response) return;
  const commentId = response.id;
  const keys = bandKeys(sig);
  const bands = await bandMembers(trx, response.consultation_id, keys);
  const campaignId = await partnerCampaign(trx, response.consultation_id, commentId, sig, bands);
  await insertResponses(trx, [{ comment_id: commentId, consultation_id: response.consultation_id, section_id: response.section_id, kind: response.kind, campaign_id: campaignId }]);
  const filled = new Map<number, number>();
  for (const band of bands) filled.set(band.band_key, (filled.get(band.band_key) ?? 0) + 1);
  const open = [...new Set(keys)].filter((key) => (filled.get(key) ?? 0) < BUCKET_CAP);
  await insertBands(trx, open.map((key) => ({ consultation_id: response.consultation_id, band_key: key, comment_id: commentId })));
}

/** The campaign the response joins (created with its partner when the partner had none), or null. */
async function partnerCampaign(trx: Trx, consultationId: number, commentId: number, sig: Signature, bands: readonly { comment_id: number }[]): Promise<number | null> {
  const shared = new Map<number, number>();
  for (const { comment_id } of bands) if (comment_id !== commentId) shared.set(comment_id, (shared.get(comment_id) ?? 0) + 1);
  const nearest = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([id]) => id);
  const placed = new Map((await responsesIn(trx, nearest)).map((r) => [r.comment_id, r]));
  const texts = new Map((await visibleResponses(trx, nearest)).map((t) => [t.id, t.body]));
  // Nearest first, each signature computed only when reached: a copy usually meets its campaign at the first.
  let single: number | null = null;
  for (const id of nearest) {
    const partner = placed.get(id);
    const text = texts.get(id);
    if (!partner || text === undefined || (partner.campaign_id === null && (partner.pinned === 1 || single !== null))) continue;
    if (!sameCampaign(sig, signature(text))) continue;
    if (partner.campaign_id !== null) return partner.campaign_id;
    single = id;
  }
  if (single === null) return null;
  const created = await insertCampaign(trx, consultationId, single, now());
  await setCampaign(trx, [single], created);
  return created;
}
