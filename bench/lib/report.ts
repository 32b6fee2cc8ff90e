import os from 'node:os';
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
  readonly finishedAt: Date;
}

const HEADER = ['Measurement', 'Metric', 'Figure', 'Baseline', 'Baseline figure', 'Ratio'] as const;
type Row = Record<(typeof HEADER)[number], string>;

function tableRows(measurements: readonly Measurement[]): Row[] {
  const byId = new Map(measurements.map((m) => [m.id, m]));
  return measurements.flatMap((measurement) => {
    const baseline = measurement.baselineId === undefined ? undefined : byId.get(measurement.baselineId);
    return measurement.figures.map((figure): Row => {
      const baselineValue = baseline?.figures.find((f) => f.metric === figure.metric)?.value;
      const missing = measurement.baselineId !== undefined && baselineValue === undefined;
      return {
        Measurement: measurement.label,
        Metric: figure.metric,
        Figure: formatValue(figure.metric, figure.value),
        Baseline: missing ? `${measurement.baselineId} (not measured)` : (baseline?.label ?? '—'),
        'Baseline figure': baselineValue === undefined ? '—' : formatValue(figure.metric, baselineValue),
        Ratio: baselineValue === undefined ? '—' : formatRatio(figure.value / baselineValue),
      };
    });
  });
}

function formatValue(metric: Metric, value: number): string {
  if (metric === 'req/s' || metric === 'rows/s') return Math.round(value).toLocaleString('en');
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function formatRatio(ratio: number): string {
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
  return [`${machine()}; ${summary.settings.join(', ')}`, '', ...lines, '', ...notes(summary)].join('\n');
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
    ...notes(summary).map((note) => `- ${note}`),
    '',
  ].join('\n');
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
