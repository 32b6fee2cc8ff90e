import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ProposalQueueItem } from '../../../server/contracts/moderation';
import { formatDateTime } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import './agora-proposal-moderation';
import { getProposalQueue, REASON_LABELS } from './moderation-api';

/** The moderation page's second list: proposals and proposal comments waiting for approval or reported. Moderators only. */
@customElement('agora-proposal-queue')
export class AgoraProposalQueue extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol.items { list-style: none; padding: 0; margin: 0; max-width: none; }
      ol.items > li { border: 2px solid var(--agora-border); padding: var(--agora-space-3); margin-bottom: var(--agora-space-4); }
      blockquote { margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 5px solid var(--agora-border); overflow-wrap: anywhere; }
      h3 { margin: 0 0 var(--agora-space-1); font-size: 1.1rem; }
    `,
  ];

  @state() private items?: ProposalQueueItem[];
  @state() private nextPage: number | null = null;
  @state() private loadProblem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
  }

  private async load(page: number): Promise<void> {
    this.loadProblem = '';
    try {
      const result = await getProposalQueue(page);
      this.items = page === 1 ? result.items : [...(this.items ?? []), ...result.items];
      this.nextPage = result.nextPage;
    } catch (error) {
      this.loadProblem = (error as Error).message;
    }
  }

  private renderItem(item: ProposalQueueItem) {
    const what = item.target === 'proposal' ? `Proposed edit #${item.proposalId}` : `Comment on proposed edit #${item.proposalId}`;
    return html`<li>
      <h3><a href="/p/${item.proposalId}${item.target === 'proposal' ? '' : `#proposal-comment-${item.id}`}">${what}</a></h3>
      <p class="muted">
        ${item.author ? `By ${item.author.displayName} (${item.author.username})${item.author.blocked ? ', blocked' : ''}` : 'By a former member'}, on
        ${item.where.sectionTitle}${item.createdAt ? `, ${formatDateTime(item.createdAt)}` : ''}
      </p>
      ${item.notice ? html`<p><strong>${item.notice}</strong></p>` : nothing}
      <blockquote>${item.text}</blockquote>
      ${item.reports.length > 0
        ? html`<p>${item.reports.length === 1 ? '1 report' : `${item.reports.length} reports`}:</p>
            <ul>
              ${item.reports.map((r) => html`<li>${REASON_LABELS[r.reason]} — ${r.reporter.displayName}${r.note ? `: ${r.note}` : ''}</li>`)}
            </ul>`
        : nothing}
      <agora-proposal-moderation target=${item.target} .itemId=${item.id} .moderation=${item.moderation} .reports=${item.reports.length}></agora-proposal-moderation>
    </li>`;
  }

  override render() {
    let body;
    if (!this.items) {
      body = this.loadProblem
        ? html`<div role="alert"><p>The proposals’ queue could not be loaded. ${this.loadProblem}</p><button @click=${() => this.load(1)}>Try again</button></div>`
        : html`<p aria-live="polite">Loading…</p>`;
    } else if (this.items.length === 0) {
      body = html`<p>Nothing to review: no proposal or proposal comment is reported or waiting for approval.</p>`;
    } else {
      body = html`<ol class="items" @moderation-changed=${() => this.load(1)}>
          ${this.items.map((item) => this.renderItem(item))}
        </ol>
        ${this.nextPage ? html`<button class="secondary" @click=${() => this.load(this.nextPage!)}>Show more</button>` : nothing}`;
    }
    return html`<section aria-labelledby="proposals-queue-title">
      <h2 id="proposals-queue-title">Proposals and their discussion</h2>
      ${body}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-queue': AgoraProposalQueue;
  }
}
