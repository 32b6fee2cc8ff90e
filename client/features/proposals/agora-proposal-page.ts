import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sectionChannel } from '../../../server/contracts/live';
import type { ProposalDetail } from '../../../server/contracts/proposals';
import { ApiError } from '../../api/api-client';
import { LiveChannelController } from '../../live/live-controller';
import '../../ui/agora-diff-view';
import '../../ui/agora-load-error';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import '../moderation/agora-proposal-moderation';
import './agora-proposal-actions';
import './agora-proposal-discussion';
import { proposalStyles } from './proposal-styles';
import { getProposal, STATUS_LABELS } from './proposals-api';
import { setPageTitle } from '../../ui/page-title';

/**
 * `/p/:id`: one proposed edit — status, author, summary, its changes from the version it was
 * written on (inline or side by side), what merging it now would do, the review or author
 * actions the viewer may take, and the discussion. Says so when the section or the proposal
 * changes while the page is open, without throwing away anything being typed.
 */
@customElement('agora-proposal-page')
export class AgoraProposalPage extends LitElement {
  static override styles = [
    sharedStyles,
    proposalStyles,
    css`
      pre.raw { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--agora-font-mono); font-size: 0.95rem; border: 1px solid var(--agora-border); padding: var(--agora-space-3); }
      details { margin-top: var(--agora-space-3); }
      .caption { display: block; color: var(--agora-text-muted); font-size: 1.1rem; margin-bottom: var(--agora-space-1); }
      .meta { display: flex; flex-wrap: wrap; gap: var(--agora-space-2) var(--agora-space-3); align-items: center; }
      nav ol { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); list-style: none; padding: 0; }
      nav li + li::before { content: '›'; margin-right: var(--agora-space-2); color: var(--agora-text-muted); }
    `,
  ];

  @property({ type: Number }) proposalId = 0;
  /** The newest live event that changed what this page shows. */
  @state() private changedAtSeq = 0;
  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: ([id], { signal }) => getProposal(id, signal),
    args: () => [this.proposalId, this.session.user?.id] as const,
  });

  constructor() {
    super();
    const live = new LiveChannelController(
      this,
      () => {
        const proposal = this.data.value;
        return proposal && { channel: sectionChannel(proposal.section.consultation.slug, proposal.section.slug), since: proposal.liveSeq };
      },
      {
        onEvent: (type, data, seq) => {
          const aboutThis = type === 'revision.published' || (type.startsWith('proposal.') && (data as { id?: number }).id === this.proposalId);
          if (aboutThis) this.changedAtSeq = Math.max(this.changedAtSeq, seq);
        },
        onReset: () => void this.data.run(),
      },
    );
    // Editors looking at a proposal show up on the section as reviewing it.
    this.addController({ hostUpdated: () => this.data.value?.can.merge && live.setActivity('reviewing') });
  }

  protected override updated(): void {
    const proposal = this.data.value;
    if (proposal) setPageTitle(`Proposed edit #${proposal.id}: ${proposal.summary} — ${proposal.section.title}`);
  }

  override render() {
    return this.data.render({
      pending: () => (this.data.value ? this.renderProposal(this.data.value) : html`<p aria-live="polite">Loading…</p>`),
      error: (error) =>
        error instanceof ApiError && error.code === 'proposal_hidden'
          ? this.renderHidden(error.message)
          : html`<agora-load-error .error=${error} what="proposal" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: (proposal) => this.renderProposal(proposal),
    });
  }

  /** What everyone but its author and moderators sees of a hidden proposal: the moderator's public reason. */
  private renderHidden(message: string) {
    setPageTitle(`Proposed edit #${this.proposalId}`);
    return html`<h1>Proposed edit #${this.proposalId}</h1>
      <p class="notice warning">${message}</p>
      <p><a href="/moderation/log">See the public moderation log</a></p>`;
  }

  private renderProposal(p: ProposalDetail) {
    const { section } = p;
    const sectionPath = `/c/${section.consultation.slug}/${section.slug}`;
    return html`
      <nav aria-label="Breadcrumbs">
        <ol>
          <li><a href="/c/${section.consultation.slug}">${section.consultation.title}</a></li>
          <li><a href=${sectionPath}>${section.title}</a></li>
          <li><a href="${sectionPath}/proposals">Proposed edits</a></li>
        </ol>
      </nav>
      <h1><span class="caption">Proposed edit #${p.id} to ${section.title}</span>${p.summary}</h1>
      <div class="meta">
        <span class="tag status-${p.status}">${STATUS_LABELS[p.status]}</span>
        <span class="muted">
          Proposed by ${p.author?.displayName ?? 'a former member'}${p.submittedAt ? ` on ${formatDate(p.submittedAt)}` : ''}, based on version ${p.baseRevision}
        </span>
      </div>
      ${p.notice ? html`<p class="notice warning">${p.notice}</p>` : nothing}
      <agora-proposal-moderation
        target="proposal"
        .itemId=${p.id}
        .moderation=${p.moderation}
        .author=${p.author?.username ?? null}
        @moderation-changed=${() => this.data.run()}
      ></agora-proposal-moderation>
      ${this.renderDecision(p)}
      ${this.changedAtSeq > p.liveSeq
        ? html`<div class="notice warning" role="status">
            <p>This proposal or the section has changed since you opened this page.</p>
            <button class="secondary" @click=${() => this.data.run()}>Show the latest</button>
          </div>`
        : nothing}
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">Changes</h2>
        <p>Compared with version ${p.baseRevision}, the version it was written on.</p>
        <agora-diff-view .diff=${p.diffs.base} beforeLabel="Version ${p.baseRevision}" afterLabel="Proposed text"></agora-diff-view>
        <details>
          <summary>Show the proposed text as Markdown</summary>
          <pre class="raw">${p.markdown}</pre>
        </details>
      </section>
      <!-- The decision comes right after the change it is about, not after the whole text. -->
      <agora-proposal-actions .proposal=${p} @proposal-changed=${() => this.data.run()}></agora-proposal-actions>
      ${this.renderMergePreview(p)}
      <agora-proposal-discussion .proposalId=${p.id} ?canComment=${p.can.comment}></agora-proposal-discussion>
    `;
  }

  private renderDecision(p: ProposalDetail) {
    const decision = p.decision;
    if (!decision) return nothing;
    const by = decision.by?.displayName ?? 'a former member';
    const on = formatDate(decision.at);
    switch (p.status) {
      case 'merged':
        return html`<p class="notice success">
          Merged by ${by} on ${on} as <a href="/c/${p.section.consultation.slug}/${p.section.slug}">version ${p.mergedRevision}</a> of the section.
        </p>`;
      case 'rejected':
        return html`<div class="notice warning">
          <p><strong>Rejected by ${by} on ${on}.</strong> The reason given:</p>
          <p>${decision.note}</p>
        </div>`;
      case 'withdrawn':
        return html`<p class="notice">Withdrawn by ${by} on ${on}.</p>`;
      default:
        return nothing;
    }
  }

  private renderMergePreview(p: ProposalDetail) {
    const merge = p.merge;
    if (!merge) return nothing;
    const moved = merge.currentRevision !== p.baseRevision;
    const conflicts = merge.clean ? 0 : merge.chunks.filter((c) => c.kind === 'conflict').length;
    return html`<section aria-labelledby="merge-title">
      <h2 id="merge-title">Merge preview</h2>
      ${!merge.clean
        ? html`<p>
            The section is now at version ${merge.currentRevision}. ${conflicts === 1 ? '1 passage was' : `${conflicts} passages were`} changed both here
            and in the section since version ${p.baseRevision}, so an editor has to choose which wording to keep before merging.
          </p>`
        : moved
          ? html`<p>The section is now at version ${merge.currentRevision}. These changes combine with it cleanly; merging would change the current text like this:</p>
              <agora-diff-view .diff=${merge.diff} beforeLabel="Version ${merge.currentRevision}" afterLabel="After merging"></agora-diff-view>`
          : html`<p>The section has not changed since version ${p.baseRevision}, so merging would publish the proposed text as it is.</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-page': AgoraProposalPage;
  }
}
