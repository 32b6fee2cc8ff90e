import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChangeLog, ConsultationChange } from '../../../server/contracts/consultation-management';
import { consultationChannel } from '../../../server/contracts/live';
import { LiveChannelController } from '../../live/live-controller';
import '../../ui/agora-load-error';
import { formatDateTime } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { getChangeLog } from './consultations-api';
import { setPageTitle } from '../../ui/page-title';

/** How a change's before and after values read: dates as dates, everything else as written. */
function value(change: ConsultationChange, text: string): string {
  return change.kind === 'closing_changed' ? formatDateTime(text) : text;
}

/** /c/:c/changes: the public log of every change made to the consultation in the app, newest first, live. */
@customElement('agora-change-log')
export class AgoraChangeLog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol { list-style: none; padding: 0; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; overflow-wrap: anywhere; }
      .was { color: var(--agora-text-muted); }
      p { margin: var(--agora-space-1) 0; }
    `,
  ];

  @property() slug = '';
  /** Changes that arrived live since the page was read, newest first. */
  @state() private arrived: ConsultationChange[] = [];

  private readonly data = new Task(this, {
    task: ([slug], { signal }) => getChangeLog(slug, signal),
    args: () => [this.slug] as const,
  });

  constructor() {
    super();
    new LiveChannelController(this, () => this.data.value && { channel: consultationChannel(this.slug), since: this.data.value.liveSeq }, {
      onEvent: (...[type, data]) => {
        if (type === 'consultation.changed' && !this.arrived.some((c) => c.id === data.id)) this.arrived = [data, ...this.arrived];
      },
      onReset: () => {
        this.arrived = [];
        void this.data.run();
      },
    });
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="change log" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: (log) => this.renderLog(log),
    });
  }

  private renderLog({ consultation, changes }: ChangeLog) {
    setPageTitle(`Change log: ${consultation.title}`);
    const known = new Set(changes.map((c) => c.id));
    const all = [...this.arrived.filter((c) => !known.has(c.id)), ...changes];
    return html`<p><a href="/c/${consultation.slug}">${consultation.title}</a></p>
      <h1>Change log</h1>
      <p>Every change made to this consultation since it was set up: its dates, summary, sections and outcome, who made it and when. Changes to the text of a section are in that section's history.</p>
      ${all.length === 0 ? html`<p>No changes yet.</p>` : nothing}
      <ol aria-live="polite">
        ${repeat(
          all,
          (c) => c.id,
          (c) => html`<li>
            <p><strong>${c.description}</strong>${c.section ? html` — <a href="/c/${consultation.slug}/${c.section.slug}">${c.section.title}</a>` : nothing}</p>
            ${c.before !== null && c.after !== null
              ? html`<p><span class="was">Was:</span> ${value(c, c.before)}</p>
                  <p><span class="was">Now:</span> ${value(c, c.after)}</p>`
              : c.after !== null && c.kind === 'section_retired'
                ? html`<p><span class="was">Reason:</span> ${c.after}</p>`
                : nothing}
            <p class="muted">${c.by?.displayName ?? 'Someone'}, ${formatDateTime(c.at)}</p>
          </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-change-log': AgoraChangeLog;
  }
}
