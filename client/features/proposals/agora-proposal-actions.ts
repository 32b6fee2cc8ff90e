import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ProposalDetail } from '../../../server/contracts/proposals';
import '../../ui/agora-conflict-resolver';
import '../../ui/agora-error-summary';
import { FormController } from '../../ui/form-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { proposalStyles } from './proposal-styles';
import { mergeProposal, rejectProposal, withdrawProposal } from './proposals-api';

/**
 * What the viewer may do with an open proposal, as the server says (`proposal.can`): editors merge
 * (settling conflicts in the page) or reject with a reason; the author revises or withdraws.
 * Fires `proposal-changed` after any of them succeeds.
 */
@customElement('agora-proposal-actions')
export class AgoraProposalActions extends LitElement {
  static override styles = [sharedStyles, proposalStyles];

  @property({ attribute: false }) proposal?: ProposalDetail;
  @state() private reason = '';
  @state() private confirmingWithdrawal = false;
  private readonly form = new FormController(this);

  private act(action: () => Promise<unknown>): Promise<boolean> {
    return this.form.run(async () => {
      await action();
      this.dispatchEvent(new CustomEvent('proposal-changed', { bubbles: true, composed: true }));
    });
  }

  private merge(proposal: ProposalDetail, resolvedMarkdown?: string): void {
    if (proposal.merge) void this.act(() => mergeProposal(proposal.id, proposal.merge!.currentRevision, resolvedMarkdown));
  }

  private async reject(event: SubmitEvent, proposal: ProposalDetail): Promise<void> {
    event.preventDefault();
    if (await this.act(() => rejectProposal(proposal.id, this.reason))) this.reason = '';
  }

  override render() {
    const proposal = this.proposal;
    if (!proposal) return nothing;
    const { can } = proposal;
    if (!can.merge && !can.reject && !can.revise && !can.withdraw) return nothing;
    return html`<section aria-labelledby="actions-title">
      <h2 id="actions-title">${can.merge || can.reject ? 'Review this proposal' : 'Your proposal'}</h2>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      ${can.merge ? this.renderMerge(proposal) : nothing} ${can.reject ? this.renderReject(proposal) : nothing}
      ${can.revise || can.withdraw ? this.renderAuthorActions(proposal) : nothing}
    </section>`;
  }

  private renderMerge(proposal: ProposalDetail) {
    const merge = proposal.merge;
    if (!merge) return nothing;
    const author = proposal.author?.displayName ?? 'a former member';
    if (merge.clean) {
      return html`<h3>Merge</h3>
        <p>Merging publishes a new version of the section with these changes, credited to ${author} and to you as the reviewer.</p>
        <button ?disabled=${this.form.busy} @click=${() => this.merge(proposal)}>Merge proposal</button>`;
    }
    return html`<h3>Settle the conflicts, then merge</h3>
      <p>The section changed after ${author} wrote this proposal, and some of the same passages were changed on both sides.</p>
      <agora-conflict-resolver
        .chunks=${merge.chunks}
        oursLabel="Current text"
        theirsLabel="Proposed text"
        submitLabel="Merge with these choices"
        .busy=${this.form.busy}
        @resolve=${(event: CustomEvent<{ markdown: string }>) => this.merge(proposal, event.detail.markdown)}
      ></agora-conflict-resolver>`;
  }

  private renderReject(proposal: ProposalDetail) {
    const error = this.form.errorFor('reason');
    return html`<h3>Reject</h3>
      <form novalidate @submit=${(event: SubmitEvent) => this.reject(event, proposal)}>
        <div class="field ${error ? 'invalid' : ''}">
          <label for="reason">Reason for rejecting it</label>
          <p class="hint" id="reason-hint">The person who proposed it, and everyone else, will see this.</p>
          ${error ? html`<p class="message" id="reason-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
          <textarea
            id="reason"
            name="reason"
            rows="4"
            aria-describedby="reason-hint ${error ? 'reason-error' : ''}"
            .value=${this.reason}
            @input=${(event: Event) => (this.reason = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <button class="secondary" type="submit" ?disabled=${this.form.busy}>Reject proposal</button>
      </form>`;
  }

  private renderAuthorActions(proposal: ProposalDetail) {
    return html`<div class="actions">
      ${proposal.can.revise ? html`<a href="/p/${proposal.id}/revise">Revise your proposal</a>` : nothing}
      ${!proposal.can.withdraw
        ? nothing
        : this.confirmingWithdrawal
          ? html`<p>Withdrawing cannot be undone.</p>
              <button ?disabled=${this.form.busy} @click=${() => this.act(() => withdrawProposal(proposal.id))}>Yes, withdraw it</button>
              <button class="secondary" @click=${() => (this.confirmingWithdrawal = false)}>Cancel</button>`
          : html`<button class="secondary" @click=${() => (this.confirmingWithdrawal = true)}>Withdraw proposal</button>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-actions': AgoraProposalActions;
  }
}
