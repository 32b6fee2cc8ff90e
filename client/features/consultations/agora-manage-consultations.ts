import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../../server/contracts/consultations';
import { api } from '../../api/api-client';
import '../../ui/agora-load-error';
import '../../ui/agora-phase-tag';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { canCreate, canManage } from './consultations-api';
import { setPageTitle } from '../../ui/page-title';

/** /manage: where staff start running consultations: each one with its management page, and (admins) a new one. */
@customElement('agora-manage-consultations')
export class AgoraManageConsultations extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul { list-style: none; padding: 0; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; }
    `,
  ];

  private readonly session = new SessionController(this);
  private readonly list = new Task(this, {
    task: async (_args, { signal }) => (await api<{ consultations: ConsultationSummary[] }>('/api/consultations', { signal })).consultations,
    args: () => [],
  });

  override render() {
    setPageTitle('Run consultations');
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (!canManage(user)) {
      return html`<h1>Run consultations</h1>
        ${user ? html`<p>Only editors and admins run consultations.</p>` : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> as an editor to run consultations.</p>`}`;
    }
    return html`<h1>Run consultations</h1>
      ${canCreate(user) ? html`<p><a href="/consultations/new">Create a consultation</a></p>` : nothing}
      ${this.list.render({
        pending: () => html`<p aria-live="polite">Loading…</p>`,
        error: (error) => html`<agora-load-error .error=${error} what="consultations" @retry=${() => this.list.run()}></agora-load-error>`,
        complete: (consultations) => html`<ul>
          ${consultations.map(
            (c) => html`<li>
              <h2>${c.title}</h2>
              <div class="links">
                <agora-phase-tag .phase=${c.phase}></agora-phase-tag>
                <span class="muted">${formatDate(c.opensAt)} to ${formatDate(c.closesAt)}</span>
              </div>
              <div class="links">
                <a href="/c/${c.slug}/manage">Manage<span class="visually-hidden"> ${c.title}</span></a>
                <a href="/c/${c.slug}/changes">Change log<span class="visually-hidden"> of ${c.title}</span></a>
                ${c.phase === 'outcome' ? html`<a href="/c/${c.slug}/outcome">Outcome<span class="visually-hidden"> of ${c.title}</span></a>` : nothing}
              </div>
            </li>`,
          )}
        </ul>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-manage-consultations': AgoraManageConsultations;
  }
}
