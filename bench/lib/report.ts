import os from 'node:os';
import type { TargetResult } from '../targets';
import type { Measurement, Metric } from './benchmark';

/** The results table: each figure beside its baseline's figure of the same metric and the ratio. */

export interface Failure {
  readonly benchmark: string;
  readonly reason: string;
}

export interface RunSummary {
  readonly measurements: readonly Measurement[];
  readonly failures: readonly Failure[];
  /** The settings that shape the figures, e.g. `BENCH_DURATION=10 s`. */
  readonly settings: readonly string[];
  readonly targets: readonly TargetResult[];
  readonly finishedAt: Date;
}

const HEADER = ['Measurement', 'Metric', 'Figure', 'Baseline', 'Baseline figure', 'Ratio'] as const;
type Row = Record<(typeof HEADER)[number], string>;

/** Requests and rows per second are both throughput: a comment POST writes one comment row. */
const comparable = (a: Metric, b: Metric): boolean => a === b || (a === 'req/s' && b === 'rows/s') || (a === 'rows/s' && b === 'req/s');

/** One row per figure and baseline it can be compared with; a figure no baseline has stands alone. */
function tableRows(measurements: readonly Measurement[]): Row[] {
  const byId = new Map(measurements.map((m) => [m.id, m]));
  return measurements.flatMap((measurement) => {
    const baselineIds = [...(measurement.baselineId === undefined ? [] : [measurement.baselineId]), ...(measurement.alsoComparedWith ?? [])];
    return measurement.figures.flatMap((figure): Row[] => {
      const own = { Measurement: measurement.label, Metric: figure.metric, Figure: formatValue(figure.metric, figure.value) };
      const rows = baselineIds.flatMap((id): Row[] => {
        const baseline = byId.get(id);
        if (!baseline) return figure === measurement.figures[0] ? [{ ...own, Baseline: `${id} (not measured)`, 'Baseline figure': '—', Ratio: '—' }] : [];
        const match = baseline.figures.find((f) => comparable(f.metric, figure.metric));
        if (!match) return [];
        const unit = match.metric === figure.metric ? '' : ` (${match.metric})`;
        return [{ ...own, Baseline: `${baseline.label}${unit}`, 'Baseline figure': formatValue(match.metric, match.value), Ratio: formatRatio(figure.value / match.value) }];
      });
      return rows.length > 0 ? rows : [{ ...own, Baseline: '—', 'Baseline figure': '—', Ratio: '—' }];
    });
  });
}

function formatValue(metric: Metric, value: number): string {
  if (metric === 'req/s' || metric === 'rows/s' || Number.isInteger(value)) return Math.round(value).toLocaleString('en');
  if (value >= 100) return Math.round(value).toLocaleString('en');
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

const NUMERIC_COLUMNS = new Set<string>(['Figure', 'Baseline figure', 'Ratio']);

/** Fixed-width text table for the terminal. */
export function formatConsoleReport(summary: RunSummary): string {
  const rows = tableRows(summary.measurements);
  const widths = HEADER.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (NUMERIC_COLUMNS.has(HEADER[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  const lines = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((row) => line(HEADER.map((c) => row[c])))];
  return [`${machine()}; ${summary.settings.join(', ')}`, '', ...lines, '', ...targetLines(summary), '', ...notes(summary)].join('\n');
}

/** The same table as Markdown, with the date, machine and settings it was measured with. */
export function formatMarkdownReport(summary: RunSummary): string {
  const rows = tableRows(summary.measurements);
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const align = HEADER.map((column) => (NUMERIC_COLUMNS.has(column) ? '---:' : '---'));
  return [
    '# Benchmark results',
    '',
    `Measured ${summary.finishedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC on ${machine()}.`,
    `Settings: ${summary.settings.join(', ')}. Written by \`npm run bench\`; see bench/README.md.`,
    '',
    line(HEADER),
    `| ${align.join(' | ')} |`,
    ...rows.map((row) => line(HEADER.map((c) => row[c]))),
    '',
    ...targetLines(summary).map((target, i) => (i === 0 ? `**${target}**` : `- ${target}`)),
    '',
    ...notes(summary).map((note) => `- ${note}`),
    '',
  ].join('\n');
}

function targetLines(summary: RunSummary): string[] {
  const status = (met: boolean | undefined) => (met === undefined ? 'NOT MEASURED' : met ? 'met' : 'MISSED');
  return ['Targets (issue 9):', ...summary.targets.map((t) => `${status(t.met)}: ${t.target} — ${t.detail}`)];
}

function notes(summary: RunSummary): string[] {
  return [
    'Ratio = figure / baseline figure: for req/s and rows/s higher is better, for latency (ms) lower is better.',
    ...summary.measurements.filter((m) => m.note !== undefined).map((m) => `${m.label}: ${m.note}`),
    ...summary.failures.map((f) => `FAILED ${f.benchmark}: ${f.reason}`),
  ];
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memoryGb = Math.round(os.totalmem() / 2 ** 30);
  return `${cpu}, ${os.availableParallelism()} cores, ${memoryGb} GB, ${os.type()} ${os.release()}, Node ${process.version}`;
}
