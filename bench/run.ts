/**
 * `npm run bench`: runs every benchmark below in order, each within its own time limit, then
 * prints the table and writes it to bench/results/latest.md. A failed or timed-out benchmark is
 * reported and the rest still run; the exit code is then 1. Ctrl-C cleans up and stops.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { abuse } from './abuse';
import { bareFastifyRoute } from './baselines/bare-fastify-route';
import { naiveCommentServer } from './baselines/naive-comment-server';
import { rawSqliteInserts } from './baselines/raw-sqlite-inserts';
import { commentWrite } from './comment-write';
import { firstVisit } from './first-visit';
import { analysisBenchmark } from './analysis';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { type Failure, formatConsoleReport, formatMarkdownReport } from './lib/report';
import { liveFanout } from './live-fanout';
import { postgresBenchmark } from './postgres';
import { readDuringWrites } from './read-during-writes';
import { scale } from './scale';
import { sectionRead } from './section-read';
import { checkTargets } from './targets';
import { textAlgorithms } from './text-algorithms';

/**
 * In run order. A figure's baseline runs just before it, so both see the machine in the same
 * state; add a benchmark right after the baseline it is compared with. (The live fan-out runs its
 * raw ws broadcast baseline itself, once it knows the event's size; scale compares with the runs
 * at 1,000 comments.)
 */
/**
 * Every benchmark runs on SQLite as always; `DATABASE_URL=postgres://…` adds the PostgreSQL one
 * (bench/postgres.ts), compared with the SQLite figures of the same run. It is taken out of the
 * environment the servers inherit, so the SQLite benchmarks stay on SQLite.
 */
const POSTGRES_URL = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;

const BENCHMARKS: readonly Benchmark[] = [
  bareFastifyRoute, sectionRead, rawSqliteInserts, naiveCommentServer, commentWrite, readDuringWrites, liveFanout,
  ...(POSTGRES_URL ? [postgresBenchmark(POSTGRES_URL)] : []),
  scale, firstVisit, abuse, textAlgorithms, analysisBenchmark,
];

/** `BENCH_ONLY=comment,fan-out` runs the benchmarks whose names contain one of these (case-insensitive). */
function selectedBenchmarks(): readonly Benchmark[] {
  const only = process.env.BENCH_ONLY?.toLowerCase().split(',').map((part) => part.trim()).filter(Boolean);
  if (!only?.length) return BENCHMARKS;
  const chosen = BENCHMARKS.filter((b) => only.some((part) => b.name.toLowerCase().includes(part)));
  if (chosen.length === 0) throw new Error(`BENCH_ONLY="${process.env.BENCH_ONLY}" matches none of: ${BENCHMARKS.map((b) => b.name).join('; ')}`);
  return chosen;
}

const DEFAULT_DURATION_SECONDS = 10;
const RESULTS_FILE = path.join(import.meta.dirname, 'results', 'latest.md');

class Interrupted extends Error {}

/** Rejects on Ctrl-C, so the running benchmark's clean-ups still run (no stray servers or temp files). */
const interrupted = new Promise<never>((_, reject) => process.once('SIGINT', () => reject(new Interrupted('interrupted'))));
interrupted.catch(() => {});

function durationSeconds(): number {
  const raw = process.env.BENCH_DURATION ?? String(DEFAULT_DURATION_SECONDS);
  const seconds = Number(raw);
  if (!(seconds >= 1 && seconds <= 600)) throw new Error(`BENCH_DURATION must be a number of seconds from 1 to 600 (got "${raw}")`);
  return seconds;
}

/** Runs one benchmark, abandoning it at its time limit; its clean-ups run however it ends. */
async function runWithinLimit(benchmark: Benchmark, duration: number): Promise<Measurement[]> {
  const cleanups: (() => unknown)[] = [];
  const context: BenchContext = { durationSeconds: duration, defer: (cleanup) => cleanups.push(cleanup) };
  const limitSeconds = benchmark.timeLimitSeconds(duration);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${limitSeconds} s`)), limitSeconds * 1000);
  });
  const running = benchmark.run(context);
  running.catch(() => {}); // once abandoned, its late failure (e.g. from a killed server) is moot
  try {
    return await Promise.race([running, timeout, interrupted]);
  } finally {
    clearTimeout(timer);
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`  clean-up after ${benchmark.name} failed:`, error);
      }
    }
  }
}

/**
 * The servers log at `warn` unless LOG_LEVEL says otherwise: at `info` each request writes two
 * redacted log lines, which the bare route (no logger) does not; set LOG_LEVEL=info to include it.
 */
const DEFAULT_LOG_LEVEL = 'warn';

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= DEFAULT_LOG_LEVEL; // inherited by every server child
  const duration = durationSeconds();
  const config = loadConfig(process.env); // fail fast on settings the servers would reject
  const measurements: Measurement[] = [];
  const failures: Failure[] = [];
  const benchmarks = selectedBenchmarks();
  for (const benchmark of benchmarks) {
    const started = performance.now();
    console.error(`▶ ${benchmark.name}`);
    try {
      measurements.push(...(await runWithinLimit(benchmark, duration)));
      console.error(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ benchmark: benchmark.name, reason });
      console.error(`  FAILED: ${reason}`);
    }
  }

  const summary = {
    measurements,
    failures,
    settings: [`BENCH_DURATION=${duration} s`, `SQLITE_SYNCHRONOUS=${config.sqliteSynchronous}`, `LOG_LEVEL=${config.logLevel}`, ...(POSTGRES_URL ? ['DATABASE_URL set (PostgreSQL benchmark)'] : [])],
    targets: checkTargets(measurements),
    finishedAt: new Date(),
  };
  console.log(`\n${formatConsoleReport(summary)}`);
  if (benchmarks.length < BENCHMARKS.length) {
    // A partial run must not replace the full table that README and latest.md quote.
    console.log(`\nBENCH_ONLY run: ${path.relative(process.cwd(), RESULTS_FILE)} left as it was.`);
  } else {
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, formatMarkdownReport(summary));
    console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Interrupted ? 'Interrupted; nothing written.' : error);
  process.exit(error instanceof Interrupted ? 130 : 1);
});
