import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Dashboard } from '../../../server/contracts/dashboard';
import { consultationChannel } from '../../../server/contracts/live';
import { api } from '../../api/api-client';
import { CoalescedReload } from '../../live/coalesced-reload';
import { LiveChannelController } from '../../live/live-controller';
import '../../ui/agora-load-error';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { KIND_TAGS, plural } from '../comments/comment-kinds';
import './agora-dashboard-chart';
import { setPageTitle } from '../../ui/page-title';

/** Responses arriving together refetch once, this long after the first (longer when the dashboard is slow to build). */
const REFETCH_DELAY_MS = 800;

type CommentRef = Dashboard['orphanedComments']['items'][number];

/**
 * The editors' dashboard of one consultation: responses over time, by section, kind and question
 * (charts with their tables), and what waits for editors. It follows the consultation's live
 * channel and refetches, debounced, when responses come or go.
 */
@customElement('agora-dashboard-page')
export class AgoraDashboardPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .grid { display: grid; gap: 0 var(--agora-space-5); grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); }
      .total { font-size: 1.2rem; }
      ul.items { padding-left: 1.25rem; }
      ul.items li { margin-bottom: var(--agora-space-2); overflow-wrap: anywhere; }
    `,
  ];

  @property() consultation = '';
  @state() private data: Dashboard | undefined;
  @state() private error: unknown;
  private readonly refetch = new CoalescedReload(this, () => this.load(), REFETCH_DELAY_MS);
  private loadedSlug = '';

  constructor() {
    super();
    // Follows the consultation's channel (a response came, went or was moderated) while connected.
    new LiveChannelController(
      this,
      () => this.data && { channel: consultationChannel(this.data.consultation.slug), since: this.data.liveSeq },
      { onEvent: () => this.refetch.request(), onReset: () => void this.load() },
    );
  }

  protected override willUpdate(): void {
    if (this.consultation !== this.loadedSlug) {
      this.loadedSlug = this.consultation;
      this.data = undefined;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      this.data = await api<Dashboard>(`/api/consultations/${encodeURIComponent(this.consultation)}/dashboard`);
      this.error = undefined;
      setPageTitle(`Dashboard: ${this.data.consultation.title}`);
    } catch (error) {
      this.error = error;
    }
  }

  override render() {
    if (this.error && !this.data) return html`<agora-load-error .error=${this.error} what="dashboard" @retry=${() => this.load()}></agora-load-error>`;
    const d = this.data;
    if (!d) return html`<p aria-live="polite">Loading…</p>`;
    return html`
      <p><a href="/c/${d.consultation.slug}">${d.consultation.title}</a></p>
      <h1>Dashboard</h1>
      <p class="total" aria-live="polite" id="total">${plural(d.responses, 'response')} so far (open ${formatDate(d.consultation.opensAt)} to ${formatDate(d.consultation.closesAt)}). This page updates as responses arrive.</p>
      <p><a href="/c/${d.consultation.slug}/questions">Questions for respondents</a></p>
      <div class="grid">
        <agora-dashboard-chart heading="Responses over time" labelHeading="Day" variant="time" .rows=${d.byDay.map((r) => ({ label: r.day, value: r.responses }))}></agora-dashboard-chart>
        <agora-dashboard-chart heading="Responses by section" labelHeading="Section" .rows=${d.bySection.map((r) => ({ label: r.title, value: r.responses }))}></agora-dashboard-chart>
        <agora-dashboard-chart heading="Responses by kind" labelHeading="Kind" .rows=${d.byKind.map((r) => ({ label: KIND_TAGS[r.kind], value: r.responses }))}></agora-dashboard-chart>
        <agora-dashboard-chart heading="Responses by question" labelHeading="Question" .rows=${d.byQuestion.map((r) => ({ label: `${r.number}. ${r.text}`, value: r.responses }))}></agora-dashboard-chart>
      </div>
      <div class="grid">
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">Proposed edits waiting longest (${d.waitingProposals.total})</h2>
          ${this.list(d.waitingProposals.items, (p) => html`<a href="/p/${p.id}">${p.summary || 'Proposed edit'}</a> on ${p.section.title}, by ${p.author ?? 'a removed account'}, waiting since ${formatDate(p.submittedAt)}`)}
        </section>
        <section aria-labelledby="unanswered-title">
          <h2 id="unanswered-title">Questions without an answer from the team (${d.unansweredQuestions.total})</h2>
          ${this.list(d.unansweredQuestions.items, (c) => this.commentLink(c, d))}
        </section>
        <section aria-labelledby="orphaned-title">
          <h2 id="orphaned-title">Orphaned comments (${d.orphanedComments.total})</h2>
          ${this.list(d.orphanedComments.items, (c) => this.commentLink(c, d))}
        </section>
        <section aria-labelledby="endorsed-title">
          <h2 id="endorsed-title">Most endorsed comments</h2>
          ${this.list(d.mostEndorsed, (c) => html`${this.commentLink(c, d)} — ${plural(c.endorsements, 'endorsement')}`)}
        </section>
        <section aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">Most supported suggestions (${d.suggestions.open} open, ${plural(d.suggestions.supports, 'support')})</h2>
          ${this.list(
            d.suggestions.mostSupported,
            (s) => html`<a href="/c/${d.consultation.slug}/${s.section.slug}">Suggestion by ${s.author ?? 'a removed account'}</a>
              <span class="muted">(${s.section.title})</span>: ${s.reason} — ${plural(s.supports, 'support')}`,
          )}
        </section>
        <section aria-labelledby="reports-title">
          <h2 id="reports-title">Reports waiting (${d.reportsWaiting.total})</h2>
          ${this.list(d.reportsWaiting.items, (c) => html`${this.commentLink(c, d)} — ${plural(c.reports, 'open report')}`)}
        </section>
      </div>
    `;
  }

  private list<T>(items: T[], item: (value: T) => unknown) {
    return items.length === 0 ? html`<p class="muted">None.</p>` : html`<ul class="items">${items.map((value) => html`<li>${item(value)}</li>`)}</ul>`;
  }

  private commentLink(c: CommentRef, d: Dashboard) {
    return html`<a href="/c/${d.consultation.slug}/${c.section.slug}#comment-${c.id}">${KIND_TAGS[c.kind]} by ${c.author ?? 'a removed account'}</a>
      <span class="muted">(${c.section.title})</span>: ${c.excerpt || nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-dashboard-page': AgoraDashboardPage;
  }
}
