import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ConsultationDetail } from '../../../server/contracts/consultations';
import { api } from '../../api/api-client';
import '../../ui/agora-load-error';
import '../../ui/agora-phase-tag';
import '../comments/agora-comment-counts';
import '../exports/agora-consultation-downloads';
import './agora-consultation-links';
import '../questions/agora-question-summary';
import { countSummary } from '../comments/comment-kinds';
import { formatDate, phaseSentence } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { setPageTitle } from '../../ui/page-title';

/** A consultation's front page: what it is, its dates, its sections and (when published) its outcome. */
@customElement('agora-consultation-overview')
export class AgoraConsultationOverview extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .dates { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; }
      ol.sections { padding-left: 1.5rem; }
      ol.sections li { margin-bottom: var(--agora-space-2); }
      .outcome { border: 4px solid var(--agora-success); padding: 0 var(--agora-space-3) var(--agora-space-3); margin: var(--agora-space-4) 0; }
    `,
  ];

  @property() slug = '';
  private readonly session = new SessionController(this);

  private readonly consultation = new Task(this, {
    // The intro and outcome HTML are sanitised on the server by the one Markdown module.
    task: async ([slug], { signal }) => (await api<{ consultation: ConsultationDetail }>(`/api/consultations/${slug}`, { signal })).consultation,
    args: () => [this.slug],
  });

  override render() {
    return this.consultation.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="consultation" @retry=${() => this.consultation.run()}></agora-load-error>`,
      complete: (c) => {
        setPageTitle(c.title);
        return html`
          <p><a href="/">All consultations</a></p>
          <h1>${c.title}</h1>
          <div class="dates">
            <agora-phase-tag .phase=${c.phase}></agora-phase-tag>
            <span>${phaseSentence(c.phase, c.opensAt, c.closesAt)}</span>
          </div>
          <p><strong>${c.summary}</strong></p>
          ${c.outcome
            ? html`<section class="outcome" aria-labelledby="outcome-title">
                <h2 id="outcome-title">Outcome published ${formatDate(c.outcome.publishedAt)}</h2>
                ${unsafeHTML(c.outcome.html)}
                <p><a href="/c/${c.slug}/outcome">What changed, and the numbers</a></p>
              </section>`
            : null}
          <div class="intro">${unsafeHTML(c.introHtml)}</div>
          <h2>Responses so far</h2>
          <agora-comment-counts .counts=${c.commentCounts}></agora-comment-counts>
          <h2>Sections of the draft</h2>
          <ol class="sections">
            ${c.sections.map(
              (s) => html`<li>
                <a href="/c/${c.slug}/${s.slug}">${s.title}</a>
                <span class="muted">— version ${s.revision}, updated ${formatDate(s.updatedAt)}. ${countSummary(s.commentCounts)}.</span>
              </li>`,
            )}
          </ol>
          <agora-question-summary .slug=${c.slug}></agora-question-summary>
          <agora-consultation-downloads .slug=${c.slug}></agora-consultation-downloads>
          <agora-consultation-links .slug=${c.slug} .phase=${c.phase}></agora-consultation-links>
          ${this.session.user?.can.analyseResponses ? html`<p><a href="/c/${c.slug}/analysis">Analyse the responses: campaigns and themes</a></p>` : null}
        `;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-overview': AgoraConsultationOverview;
  }
}
