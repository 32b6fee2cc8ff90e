import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';

export interface ChartRow {
  label: string;
  value: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** At least a week of days on the time axis, ending the day after the last response, so one busy day is not drawn as a wall. */
function dayDomain(rows: ChartRow[]): [Date, Date] {
  const days = rows.map((r) => Date.parse(`${r.label}T00:00:00Z`));
  const end = (days.length ? Math.max(...days) : Date.now() - (Date.now() % DAY_MS)) + DAY_MS;
  const start = Math.min(days.length ? Math.min(...days) : end, end - 7 * DAY_MS);
  return [new Date(start), new Date(end)];
}

/**
 * One dashboard chart drawn by Observable Plot, with the same numbers as a table below it: the
 * table is what screen readers and keyboard users read, so the drawing is hidden from them.
 * `time` draws responses per day on a date axis; `bars` draws one horizontal bar per label.
 */
@customElement('agora-dashboard-chart')
export class AgoraDashboardChart extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      :host { display: block; margin-bottom: var(--agora-space-5); }
      .plot { max-width: 100%; overflow: hidden; }
      .plot svg { max-width: 100%; height: auto; }
      td.number, th.number { text-align: right; }
    `,
  ];

  @property() heading = '';
  @property() labelHeading = '';
  @property() variant: 'time' | 'bars' = 'bars';
  @property({ attribute: false }) rows: ChartRow[] = [];

  private observer = new ResizeObserver(() => this.draw());

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    this.observer.disconnect();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    this.draw();
  }

  private draw(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!container) return;
    const width = Math.max(240, container.clientWidth || 600);
    const rows = this.rows;
    // Responses are whole numbers: with a small maximum, tick every whole number rather than halves.
    const max = Math.max(1, ...rows.map((r) => r.value));
    const counts = { grid: true, label: 'Responses', tickFormat: 'd', ...(max <= 10 ? { ticks: Array.from({ length: max + 1 }, (_, i) => i) } : {}) };
    const chart =
      this.variant === 'time'
        ? Plot.plot({
            width,
            height: 220,
            marginLeft: 40,
            x: { type: 'utc', label: null, domain: dayDomain(rows) },
            y: counts,
            marks: [Plot.rectY(rows, { x: (d: ChartRow) => new Date(`${d.label}T00:00:00Z`), y: 'value', interval: 'day', fill: 'var(--agora-brand)' }), Plot.ruleY([0])],
          })
        : Plot.plot({
            width,
            height: 40 + rows.length * 28,
            marginLeft: Math.min(width / 2, 180),
            x: counts,
            y: { label: null, domain: rows.map((r) => r.label), tickFormat: (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label) },
            marks: [Plot.barX(rows, { y: 'label', x: 'value', fill: 'var(--agora-brand)' }), Plot.ruleX([0])],
          });
    container.replaceChildren(chart);
  }

  override render() {
    return html`<h2>${this.heading}</h2>
      <div class="plot" aria-hidden="true"></div>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${this.heading}</caption>
          <thead><tr><th scope="col">${this.labelHeading}</th><th scope="col" class="number">Responses</th></tr></thead>
          <tbody>
            ${this.rows.length === 0 ? html`<tr><td colspan="2">None yet</td></tr>` : this.rows.map((row) => html`<tr><th scope="row">${row.label}</th><td class="number">${row.value}</td></tr>`)}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-dashboard-chart': AgoraDashboardChart;
  }
}
