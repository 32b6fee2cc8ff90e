import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BulkAction, ProposalTarget } from '../../../server/contracts/moderation';
import type { ModerationState } from '../../../server/contracts/proposals';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import './agora-reason-form';
import './agora-report-form';
import { focusOpenedForm, moderationActionStyles } from './moderation-actions';
import { moderateProposalContent, reportProposalContent } from './moderation-api';

const WORDS: Record<ProposalTarget, string> = { proposal: 'proposal', 'proposal-comment': 'comment' };

/**
 * Report, and for moderators hide (with a public reason), restore, approve or dismiss reports, on
 * a proposal or a comment in its discussion. Fires `moderation-changed` after a moderator's action.
 */
@customElement('agora-proposal-moderation')
export class AgoraProposalModeration extends LitElement {
  static override styles = [
    sharedStyles,
    moderationActionStyles,
    css`
      .thanks { border-left: 5px solid var(--agora-success); padding: var(--agora-space-2) var(--agora-space-3); background: #e6f2ec; max-width: var(--agora-measure); }
    `,
  ];

  @property() target: ProposalTarget = 'proposal';
  @property({ type: Number }) itemId = 0;
  @property() moderation: ModerationState = 'visible';
  /** Its author's username (null when not shown): authors do not report their own words. */
  @property({ attribute: false }) author: string | null = null;
  /** Open reports, when known (the queue): offers "Dismiss reports". */
  @property({ type: Number }) reports = 0;

  @state() private form: 'hide' | 'report' | null = null;
  @state() private reported = false;
  @state() private error = '';
  private readonly session = new SessionController(this);

  private get what(): string {
    return WORDS[this.target];
  }

  private async act(action: BulkAction): Promise<void> {
    this.error = '';
    try {
      await moderateProposalContent(this.target, this.itemId, action);
      this.changed();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('moderation-changed', { detail: { target: this.target, id: this.itemId }, bubbles: true, composed: true }));
  }

  private async openForm(form: 'hide' | 'report'): Promise<void> {
    this.form = form;
    await focusOpenedForm(this, 'agora-reason-form, agora-report-form');
  }

  private renderForm() {
    const done = () => (this.form = null);
    if (this.form === 'hide') {
      return html`<agora-reason-form
        label="Reason for hiding"
        hint="Everyone will see it in place of the ${this.what}, for example “spam” or “personal attack”."
        missing="Enter the reason for hiding this ${this.what}"
        submitLabel="Hide ${this.what}"
        .action=${async (reason: string) => {
          await moderateProposalContent(this.target, this.itemId, 'hide', reason);
          this.changed();
        }}
        @form-done=${done}
        @form-cancelled=${done}
      ></agora-reason-form>`;
    }
    if (this.form === 'report') {
      return html`<agora-report-form
        what=${this.what}
        .send=${(reason: Parameters<typeof reportProposalContent>[2], note: string) => reportProposalContent(this.target, this.itemId, reason, note)}
        @report-sent=${() => {
          this.form = null;
          this.reported = true;
        }}
        @form-cancelled=${done}
      ></agora-report-form>`;
    }
    return nothing;
  }

  override render() {
    const user = this.session.user;
    if (!user?.can.participate) return nothing;
    const moderator = user.can.moderate;
    const mayReport = !moderator && this.moderation === 'visible' && this.author !== user.username;
    const m = this.moderation;
    return html`${this.reported ? html`<p class="thanks" role="status">Thank you. A moderator will look at this ${this.what}.</p>` : nothing}
      ${mayReport && !this.reported && this.form !== 'report'
        ? html`<div class="actions"><button class="secondary" @click=${() => this.openForm('report')}>Report this ${this.what}</button></div>`
        : nothing}
      ${moderator
        ? html`<div class="actions" role="group" aria-label="Moderate this ${this.what}">
            <span class="label">Moderator:</span>
            ${m !== 'hidden' ? html`<button class="secondary" @click=${() => this.openForm('hide')}>Hide<span class="visually-hidden"> this ${this.what}</span></button>` : nothing}
            ${m === 'hidden' ? html`<button class="secondary" @click=${() => this.act('restore')}>Restore<span class="visually-hidden"> this ${this.what}</span></button>` : nothing}
            ${m === 'pending' ? html`<button class="secondary" @click=${() => this.act('approve')}>Approve<span class="visually-hidden"> this ${this.what}</span></button>` : nothing}
            ${this.reports > 0 ? html`<button class="secondary" @click=${() => this.act('dismiss-reports')}>Dismiss reports</button>` : nothing}
          </div>`
        : nothing}
      ${this.renderForm()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-moderation': AgoraProposalModeration;
  }
}
