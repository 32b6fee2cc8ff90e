import SQLite from 'better-sqlite3';
import { analyse } from '../server/features/analysis/engine/analyse';
import { labelledResponses } from '../tests/fixtures/analysis/responses';
import { macroF1, scoreCampaigns } from '../tests/fixtures/analysis/score';
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
  ];
}

export const analysisBenchmark: Benchmark = {
  name: 'Response analysis',
  timeLimitSeconds: (duration) => 2 * duration + 240,
  async run(context) {
    return [fixtureScores(), ...(await analysisAtScale(context))];
  },
};
