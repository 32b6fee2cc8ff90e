import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { consultationResponses, type ResponseText } from '../comments/responses.service';
import type { AnalysedResponse, AnalysisInput, AnalysisOutput } from './engine/analyse';
import { insertCampaign, insertResponses, type JobRow, seenResponses, setCampaign } from './analysis.repository';
import { insertBands } from './campaign-index.repository';
import { assignedIn, insertSuggestions, insertTheme, liveThemes } from './themes.repository';

// What one analysis job reads before the engine runs and saves after it, in short transactions so
// that requests keep being served between them.

/** Read by the job, sent to the worker, and kept for saving (the responses' section and kind). */
export interface JobInput extends AnalysisInput {
  readonly meta: ReadonlyMap<number, Pick<ResponseText, 'section_id' | 'kind'>>;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads the job's input; each page of responses also goes to `onPage` (the worker) as it is read. */
export async function readInput(db: Db, job: JobRow, onPage: (responses: AnalysedResponse[]) => void, onProgress: (share: number) => Promise<void>): Promise<JobInput> {
  const seen = new Map((await seenResponses(db, job.consultation_id)).map((r) => [r.comment_id, r]));
  const responses: AnalysedResponse[] = [];
  const meta = new Map<number, Pick<ResponseText, 'section_id' | 'kind'>>();
  for await (const page of consultationResponses(db, job.consultation_id)) {
    const read: AnalysedResponse[] = [];
    for (const r of page) {
      const placed = seen.get(r.id);
      read.push({
        id: r.id,
        text: r.body,
        inScope: job.scope === 'consultation' || r.section_id === job.scope_id,
        known: placed !== undefined,
        campaignId: placed?.campaign_id ?? null,
        pinned: placed?.pinned === 1,
      });
      meta.set(r.id, { section_id: r.section_id, kind: r.kind });
    }
    for (const response of read) responses.push(response);
    onPage(read);
    await yieldToRequests();
  }
  await onProgress(1);
  const themes = await liveThemes(db, job.consultation_id, { scope: job.scope, scopeId: job.scope_id });
  const rows = await assignedIn(db, themes.map((t) => t.id));
  return {
    responses,
    themeCount: job.theme_count,
    themes: themes.map((t) => ({ id: t.id, members: rows.filter((r) => r.theme_id === t.id && r.state !== 'excluded').map((r) => r.comment_id) })),
    assigned: [...new Set(rows.map((r) => r.comment_id))],
    meta,
  };
}

/** Rows per save transaction: each is short, and requests are served between them. */
const CHUNK = 500;

/** The band index rows of the responses this run saw first, so later arrivals meet them. */
async function saveIndex(db: Db, consultationId: number, index: AnalysisOutput['index']): Promise<void> {
  for (let i = 0; i < index.keys.length; i += 4 * CHUNK) {
    const rows = Array.from(index.keys.subarray(i, i + 4 * CHUNK), (key, n) => ({ consultation_id: consultationId, band_key: key, comment_id: index.commentIds[i + n]! }));
    await writeTransaction(db, (trx) => insertBands(trx, rows));
  }
}

export async function saveOutput(db: Db, job: JobRow, input: JobInput, output: AnalysisOutput, onProgress: (share: number) => Promise<void>): Promise<void> {
  const at = now();
  const fresh = input.responses.filter((r) => !r.known).map((r) => r.id);
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = fresh.slice(i, i + CHUNK).map((id) => ({ comment_id: id, consultation_id: job.consultation_id, section_id: input.meta.get(id)!.section_id, kind: input.meta.get(id)!.kind, campaign_id: null }));
    await writeTransaction(db, (trx) => insertResponses(trx, rows));
    await onProgress((0.4 * i) / fresh.length);
  }
  await saveIndex(db, job.consultation_id, output.index);
  for (const placement of output.campaigns) {
    await writeTransaction(db, async (trx) => {
      const campaignId = placement.campaignId ?? (await insertCampaign(trx, job.consultation_id, placement.commentIds[0]!, at));
      await setCampaign(trx, placement.commentIds, campaignId);
    });
  }
  await onProgress(0.5);
  let themeIds = new Map<number, number>();
  if (output.proposed) {
    const proposed = output.proposed;
    themeIds = await writeTransaction(db, async (trx) => {
      const ids = new Map<number, number>();
      for (const [index, theme] of proposed.entries()) {
        const id = await insertTheme(trx, {
          consultation_id: job.consultation_id,
          scope: job.scope,
          scope_id: job.scope_id,
          label: theme.keyPhrases.slice(0, 3).join(', '),
          key_phrases: JSON.stringify(theme.keyPhrases),
          centroid: JSON.stringify(theme.centroid),
          origin: 'proposed',
          response_markdown: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        });
        ids.set(index, id);
      }
      return ids;
    });
  }
  const rows = output.assignments.map((a) => ({ theme_id: output.proposed ? themeIds.get(a.theme)! : a.theme, comment_id: a.commentId, score: a.score, state: 'proposed' as const }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await writeTransaction(db, (trx) => insertSuggestions(trx, rows.slice(i, i + CHUNK)));
    await onProgress(0.5 + (0.5 * i) / rows.length);
  }
}
