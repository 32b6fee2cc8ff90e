import SQLite from 'better-sqlite3';
import { analyse } from '../server/features/analysis/engine/analyse';
import { labelledResponses } from '../tests/fixtures/analysis/responses';
import { macroF1, scoreCampaigns } from '../tests/fixtures/analysis/score';
import { writeTransaction } from '../server/db/write-transaction';
import { placeOnArrival, responseSignature } from '../server/features/analysis/campaign-arrival.service';
import type { App } from '../server/platform/fastify';
import type { NewResponse } from '../server/features/comments/responses.service';
import { startAgoraApp } from './lib/agora-app';
import { BENCH_CONSULTATION, BENCH_SECTION_PATH, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { makeTempDataDir } from './lib/temp-data-dir';
import { seedComments } from './seed-comments';

/**
 * Response analysis (issue 19): the engine scored on the labelled fixture (campaign pair recall,
 * false merges, theme macro F1), then 50,000 responses grouped and themed by a real analysis job
 * (read, worker thread, saved), with the section read's p99 while it runs beside its idle p99.
 */
const RESPONSES = 50_000;
/** Seeded comments: a fifth are replies and 3% are not visible, leaving ~50,000 visible top-level responses. */
const SEEDED = Math.ceil(RESPONSES / (0.8 * 0.97)) + 500;

function fixtureScores(): Measurement {
  const fixture = labelledResponses();
  const started = performance.now();
  const output = analyse({ responses: fixture.map((r, i) => ({ id: i + 1, text: r.text, inScope: true, known: false, campaignId: null, pinned: false })), themeCount: null, themes: [], assigned: [] });
  const seconds = (performance.now() - started) / 1000;
  const groups = fixture.map((_, i) => i + 1);
  for (const c of output.campaigns) for (const id of c.commentIds) groups[id - 1] = c.commentIds[0]!;
  const themes = fixture.map((): number[] => []);
  for (const a of output.assignments) themes[a.commentId - 1]!.push(a.theme);
  const campaigns = scoreCampaigns(fixture.map((r) => r.campaign), groups);
  return {
    id: 'analysis-fixture',
    label: 'Analysis: labelled fixture',
    figures: [
      { metric: 'pair recall %', value: 100 * campaigns.pairRecall },
      { metric: 'false merges %', value: 100 * campaigns.falseMerges },
      { metric: 'macro F1', value: macroF1(fixture.map((r) => r.themes), themes) },
      { metric: 's', value: seconds },
    ],
    note: `${fixture.length.toLocaleString('en')} responses, 12 labelled themes, 4 template campaigns (tests/fixtures/analysis); ${output.proposed!.length} themes proposed; engine in the main thread`,
  };
}

/** Puts the fixture's texts on every visible top-level comment, so the job analyses real-looking responses. */
function writeFixtureTexts(dbFile: string): number {
  const db = new SQLite(dbFile);
  try {
    const ids = db.prepare('SELECT id FROM comments WHERE depth = 1 AND status = ? ORDER BY id').pluck().all('visible') as number[];
    const texts = labelledResponses(ids.length, 7);
    const update = db.prepare('UPDATE comments SET body = ?, normalized_body = ? WHERE id = ?');
    db.transaction(() => ids.forEach((id, i) => update.run(texts[i]!.text, `${id}`, id)))();
    return ids.length;
  } finally {
    db.close();
  }
}

/** Copies of visible responses with new texts (straight into the file, as the seeding does): ids, texts. */
function insertResponses(dbFile: string, count: number): { response: NewResponse; text: string }[] {
  const db = new SQLite(dbFile);
  try {
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('comments') as string[]).filter((c) => c !== 'id');
    const copy = db.prepare(`INSERT INTO comments (${columns.join(', ')}) SELECT ${columns.map((c) => (c === 'body' ? '?' : c === 'normalized_body' ? '? ' : c)).join(', ')} FROM comments WHERE id = ?`);
    const source = db.prepare("SELECT id, consultation_id, section_id, kind FROM comments WHERE depth = 1 AND status = 'visible' AND official = 0 ORDER BY id LIMIT 1").get() as NewResponse;
    return labelledResponses(count, 99).map((r, i) => ({ response: { ...source, id: Number(copy.run(r.text, `arrival ${i}`, source.id).lastInsertRowid) }, text: r.text }));
  } finally {
    db.close();
  }
}

/**
 * A response placed on arrival against the index the job filled: the time its placement holds the
 * write transaction (the band look-up, candidates' check, the few rows written), and the signature
 * computed before the transaction opens.
 */
async function arrivalPlacement(app: App, dbFile: string): Promise<Measurement> {
  const arrivals = insertResponses(dbFile, 300);
  const held: number[] = [];
  const signing: number[] = [];
  for (const { response, text } of arrivals) {
    const signed = performance.now();
    const sig = responseSignature(text);
    signing.push(performance.now() - signed);
    await writeTransaction(app.db, async (trx) => {
      const started = performance.now();
      await placeOnArrival(trx, response, sig);
      held.push(performance.now() - started);
    });
  }
  const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
  return {
    id: 'analysis-arrival',
    label: 'Campaign placement on arrival',
    figures: [
      { metric: 'p50 ms', value: percentile(held, 0.5) },
      { metric: 'p99 ms', value: percentile(held, 0.99) },
    ],
    note: `${arrivals.length} new responses (the fixture's mix: a third are campaign copies) placed one at a time against the band index of the ${RESPONSES.toLocaleString('en')} analysed: time inside the comment's write transaction; the signature, computed before it opens, took p99 ${percentile(signing, 0.99).toFixed(2)} ms`,
  };
}

async function analysisAtScale(context: BenchContext): Promise<Measurement[]> {
  const dataDir = makeTempDataDir(context, 'analysis');
  const dbFile = await prepareDataDir(dataDir);
  seedComments(dbFile, { benchSectionComments: 1_000, otherComments: SEEDED - 1_000, authors: 200 });
  const responses = writeFixtureTexts(dbFile);
  const [editor] = createUsersWithSessions(dbFile, 1, 'analyst');
  new SQLite(dbFile).prepare("UPDATE users SET role = 'editor' WHERE id = ?").run(editor!.userId);
  const server = await startAgoraApp({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  context.defer(() => server.close());
  const requests = [{ method: 'GET' as const, path: BENCH_SECTION_PATH }, { method: 'GET' as const, path: `${BENCH_SECTION_PATH}/comments?sort=newest&page=1` }];
  const idle = await runLoadTest(context, { url: server.url, requests });

  const headers = { cookie: editor!.cookie, 'x-csrf-token': editor!.csrf, 'content-type': 'application/json' };
  const base = `${server.url}/api/consultations/${BENCH_CONSULTATION}/analysis`;
  const started = performance.now();
  const response = await fetch(base, { method: 'POST', headers, body: '{}' });
  if (response.status !== 202) throw new Error(`starting the analysis answered ${response.status}: ${await response.text()}`);
  const busy = await runLoadTest(context, { url: server.url, requests, warmupSeconds: 0 });
  let job: { status: string; stage: string } = { status: 'queued', stage: '' };
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = (await (await fetch(base, { headers })).json()).job;
  }
  if (job.status !== 'done') throw new Error(`the analysis job ended ${job.status}`);
  const seconds = (performance.now() - started) / 1000;
  const arrival = await arrivalPlacement(server.app, dbFile);
  const setting = 'signed out, app and load generator in one process';
  return [
    {
      id: 'analysis-50k',
      label: `Analysis: ${responses.toLocaleString('en')} responses grouped and themed`,
      figures: [{ metric: 's', value: seconds }],
      note: 'a real job on a file database: responses read in pages, engine in a worker thread, campaigns, themes and assignments saved in short transactions',
    },
    { id: 'analysis-read-idle', label: 'Section read, no analysis running', figures: loadTestFigures(idle), note: `${setting}; ${describeLoadTest(idle, context.durationSeconds)}` },
    { id: 'analysis-read-busy', label: 'Section read during the analysis', baselineId: 'analysis-read-idle', figures: loadTestFigures(busy), note: `${setting}, started with the job; ${describeLoadTest(busy, context.durationSeconds)}` },
    arrival,
  ];
}

export const analysisBenchmark: Benchmark = {
  name: 'Response analysis',
  timeLimitSeconds: (duration) => 2 * duration + 240,
  async run(context) {
    return [fixtureScores(), ...(await analysisAtScale(context))];
  },
};
