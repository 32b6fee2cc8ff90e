import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../../server/contracts/consultations';
import { api } from '../../api/api-client';
import '../../ui/agora-load-error';
import '../../ui/agora-phase-tag';
import { phaseSentence } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { setPageTitle } from '../../ui/page-title';

/** Home page: every consultation, newest first, with its phase. */
@customElement('agora-consultation-list')
export class AgoraConsultationList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul { list-style: none; padding: 0; max-width: none; display: grid; gap: var(--agora-space-3); }
      li { border-left: 6px solid var(--agora-brand); background: var(--agora-surface); padding: var(--agora-space-3); }
      h2 { margin: 0 0 var(--agora-space-2); font-size: 1.35rem; }
      p { margin: var(--agora-space-2) 0 0; }
    `,
  ];

  private readonly consultations = new Task(this, {
    task: async (_args, { signal }) => (await api<{ consultations: ConsultationSummary[] }>('/api/consultations', { signal })).consultations,
    args: () => [],
  });

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle('Consultations');
  }

  override render() {
    return html`
      <h1>Consultations</h1>
      <p>Read draft public policy, comment on the exact passage you care about and suggest better wording.</p>
      ${this.consultations.render({
        pending: () => html`<p aria-live="polite">Loading consultations…</p>`,
        error: (error) => html`<agora-load-error .error=${error} what="list" @retry=${() => this.consultations.run()}></agora-load-error>`,
        complete: (list) =>
          list.length === 0
            ? html`<p>There are no consultations yet.</p>`
            : html`<ul>
                ${list.map(
                  (c) => html`<li>
                    <h2><a href="/c/${c.slug}">${c.title}</a></h2>
                    <agora-phase-tag .phase=${c.phase}></agora-phase-tag>
                    <p>${c.summary}</p>
                    <p class="muted">${phaseSentence(c.phase, c.opensAt, c.closesAt)}</p>
                  </li>`,
                )}
              </ul>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-list': AgoraConsultationList;
  }
}
