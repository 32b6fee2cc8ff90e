import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SectionCommentsState } from '../../../server/contracts/moderation';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import './agora-reason-form';
import type { AgoraReasonForm } from './agora-reason-form';
import { setSectionComments } from './moderation-api';
import { errorMessage } from '../../api/api-client';

/**
 * Whether a section's comments are closed: the moderator's note for everyone ("Comments are now
 * closed: …"), and for moderators the way to close them with a note or reopen them.
 * Fires `section-comments-changed` {commentsClosed, commentsClosedNote} (the section's fields).
 */
@customElement('agora-section-moderation')
export class AgoraSectionModeration extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { margin: var(--agora-space-3) 0; }
      .closed-message { border-left: 5px solid var(--agora-border); padding-left: var(--agora-space-3); font-weight: 700; }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  /** The closing note; null while comments are open. */
  @property({ attribute: false }) note: string | null = null;

  @state() private closing = false;
  @state() private error = '';
  private readonly session = new SessionController(this);

  private changed({ section }: SectionCommentsState): void {
    this.closing = false;
    const closed = section.commentsClosed;
    this.dispatchEvent(
      new CustomEvent('section-comments-changed', { detail: { commentsClosed: closed !== null, commentsClosedNote: closed?.note ?? null }, bubbles: true, composed: true }),
    );
  }

  private async reopen(): Promise<void> {
    this.error = '';
    try {
      this.changed(await setSectionComments(this.consultation, this.section, null));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async openForm(): Promise<void> {
    this.closing = true;
    await this.updateComplete;
    const form = this.renderRoot.querySelector<AgoraReasonForm>('agora-reason-form');
    await form?.updateComplete;
    form?.focus();
  }

  private renderControls() {
    if (this.closing) {
      return html`<agora-reason-form
        label="Note for everyone reading this section"
        hint="Shown after “Comments are now closed:”. Editors and moderators can still post official responses."
        missing="Enter a note saying why comments are closed"
        submitLabel="Close comments on this section"
        .action=${async (note: string) => this.changed(await setSectionComments(this.consultation, this.section, note))}
        @form-cancelled=${() => (this.closing = false)}
      ></agora-reason-form>`;
    }
    return html`${this.note === null
        ? html`<button class="secondary" @click=${this.openForm}>Close comments on this section</button>`
        : html`<button class="secondary" @click=${this.reopen}>Reopen comments on this section</button>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  override render() {
    return html`${this.note === null ? nothing : html`<p class="closed-message">${this.note ? `Comments are now closed: ${this.note}` : 'Comments on this section are closed.'}</p>`}
    ${this.session.user?.can.moderate ? this.renderControls() : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-moderation': AgoraSectionModeration;
  }
}
