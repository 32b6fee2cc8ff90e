import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ListProposalsQuery, ProposalSummary } from '../../../server/contracts/proposals';
import '../../ui/agora-load-error';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { proposalStyles } from './proposal-styles';
import { listProposals, STATUS_LABELS } from './proposals-api';
import { proposingNotice } from './proposing-notice';
import { getSection } from '../consultations/consultations-api';
import { setPageTitle } from '../../ui/page-title';

type Filter = NonNullable<ListProposalsQuery['status']> | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'merged', label: 'Merged' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'withdrawn', label: 'Withdrawn' },
  { value: 'all', label: 'All' },
];

/** `/c/:c/:s/proposals`: a section's proposed edits, open ones first, filterable by status. */
@customElement('agora-proposal-list')
export class AgoraProposalList extends LitElement {
  static override styles = [
    sharedStyles,
    proposalStyles,
    css`
      .filters { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); margin-bottom: var(--agora-space-4); }
      .filters button[aria-pressed='true'] { background: var(--agora-text); color: var(--agora-background); box-shadow: 0 2px 0 var(--agora-text); }
      ol { list-style: none; padding: 0; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      li h2 { font-size: 1.2rem; margin: 0 0 var(--agora-space-1); }
      li p { margin: var(--agora-space-1) 0 0; }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  @state() private filter: Filter = 'open';
  /** Pages fetched after the first ("Show more"). */
  @state() private more: ProposalSummary[] = [];
  @state() private nextPage: number | null = null;
  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: async ([consultation, section, filter], { signal }) => {
      const status = filter === 'all' ? undefined : filter;
      const [list, sectionDetail] = await Promise.all([
        listProposals(consultation, section, { status }, signal),
        getSection(consultation, section, signal),
      ]);
      this.more = [];
      this.nextPage = list.nextPage;
      return { list, section: sectionDetail };
    },
    args: () => [this.consultation, this.section, this.filter, this.session.user?.id] as const,
  });

  private async showMore(): Promise<void> {
    if (this.nextPage === null) return;
    const status = this.filter === 'all' ? undefined : this.filter;
    const page = await listProposals(this.consultation, this.section, { status, page: this.nextPage });
    this.more = [...this.more, ...page.proposals];
    this.nextPage = page.nextPage;
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="section" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: ({ list, section }) => {
        setPageTitle(`Proposed edits to ${section.title} — ${section.consultation.title}`);
        const base = `/c/${section.consultation.slug}/${section.slug}`;
        const proposals = [...list.proposals, ...this.more];
        const count = (filter: Filter) => (filter === 'all' ? Object.values(list.counts).reduce((a, b) => a + b, 0) : list.counts[filter]);
        return html`
          <p><a href=${base}>Back to ${section.title}</a></p>
          <h1>Proposed edits to ${section.title}</h1>
          ${proposingNotice(list.proposing, base)}
          <div class="filters" role="group" aria-label="Show proposals">
            ${FILTERS.map(
              ({ value, label }) =>
                html`<button class="secondary" aria-pressed=${this.filter === value ? 'true' : 'false'} @click=${() => (this.filter = value)}>
                  ${label} (${count(value)})
                </button>`,
            )}
          </div>
          ${proposals.length === 0
            ? html`<p>There are no ${this.filter === 'all' ? '' : `${this.filter} `}proposed edits to this section.</p>`
            : html`<ol>
                ${proposals.map(
                  (p) => html`<li>
                    <h2><a href="/p/${p.id}">#${p.id}${p.summary ? `: ${p.summary}` : ''}</a></h2>
                    <span class="tag status-${p.status}">${STATUS_LABELS[p.status]}</span>
                    ${p.notice ? html`<p class="notice warning">${p.notice}</p>` : nothing}
                    ${p.author || !p.notice
                      ? html`<p class="muted">
                          Proposed by ${p.author?.displayName ?? 'a former member'}${p.submittedAt ? ` on ${formatDate(p.submittedAt)}` : ''}, based on version ${p.baseRevision}
                        </p>`
                      : nothing}
                  </li>`,
                )}
              </ol>`}
          ${this.nextPage === null ? nothing : html`<button class="secondary" @click=${this.showMore}>Show more</button>`}
        `;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-list': AgoraProposalList;
  }
}
