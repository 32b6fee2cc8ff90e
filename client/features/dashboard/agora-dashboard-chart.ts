import * as Plot from '@observablehq/plot';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';

export interface ChartRow {
  label: string;
  value: number;
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
    const chart =
      this.variant === 'time'
        ? Plot.plot({
            width,
            height: 220,
            marginLeft: 40,
            x: { type: 'utc', label: null },
            y: { grid: true, label: 'Responses', tickFormat: 'd' },
            marks: [Plot.rectY(rows, { x: (d: ChartRow) => new Date(`${d.label}T00:00:00Z`), y: 'value', interval: 'day', fill: 'var(--agora-brand)' }), Plot.ruleY([0])],
          })
        : Plot.plot({
            width,
            height: 40 + rows.length * 28,
            marginLeft: Math.min(width / 2, 180),
            x: { grid: true, label: 'Responses', tickFormat: 'd' },
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
