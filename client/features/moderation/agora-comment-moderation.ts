import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CommentView } from '../../../server/contracts/comments';
import { sharedStyles } from '../../ui/shared-styles';
import './agora-reason-form';
import { focusOpenedForm, moderationActionStyles } from './moderation-actions';
import { moderateComment, moderateComments } from './moderation-api';
import { errorMessage } from '../../api/api-client';

/**
 * A moderator's actions on one comment in its thread: hide with a public reason, restore,
 * approve a pending comment, close the thread with a note or reopen it. Fires `comment-changed`
 * {comment} with the comment (or, for close and reopen, the thread's first comment) as it now is.
 */
@customElement('agora-comment-moderation')
export class AgoraCommentModeration extends LitElement {
  static override styles = [sharedStyles, moderationActionStyles];

  @property({ attribute: false }) comment!: CommentView;

  @state() private form: 'hide' | 'close' | null = null;
  @state() private error = '';

  private changed(comment: CommentView): void {
    this.dispatchEvent(new CustomEvent('comment-changed', { detail: { comment }, bubbles: true, composed: true }));
  }

  /** One-click actions report their own failure here; the forms show theirs in place. */
  private async act(action: () => Promise<CommentView>): Promise<void> {
    this.error = '';
    try {
      this.changed(await action());
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async openForm(form: 'hide' | 'close'): Promise<void> {
    this.form = form;
    await focusOpenedForm(this, 'agora-reason-form');
  }

  private renderForm() {
    const c = this.comment;
    const done = () => (this.form = null);
    if (this.form === 'hide') {
      return html`<agora-reason-form
        label="Reason for hiding"
        hint="Everyone will see it in place of the comment, for example “spam” or “personal attack”."
        missing="Enter the reason for hiding this comment"
        submitLabel="Hide comment"
        .action=${async (reason: string) => this.changed(await moderateComment(c.id, 'hide', { reason }))}
        @form-done=${done}
        @form-cancelled=${done}
      ></agora-reason-form>`;
    }
    if (this.form === 'close') {
      return html`<agora-reason-form
        label="Note for the closed thread"
        hint="Shown under the thread’s first comment, for example “Comments are now closed: we have answered this in version 3.”"
        missing="Enter a note saying why the thread is closed"
        submitLabel="Close the thread"
        .action=${async (note: string) => this.changed(await moderateComment(c.id, 'close', { note }))}
        @form-done=${done}
        @form-cancelled=${done}
      ></agora-reason-form>`;
    }
    return nothing;
  }

  override render() {
    const c = this.comment;
    return html`<div class="actions" role="group" aria-label="Moderate this comment">
        <span class="label">Moderator:</span>
        ${c.status === 'visible' || c.status === 'pending' ? html`<button class="secondary" @click=${() => this.openForm('hide')}>Hide</button>` : nothing}
        ${c.status === 'hidden' ? html`<button class="secondary" @click=${() => this.act(() => moderateComment(c.id, 'restore'))}>Restore</button>` : nothing}
        ${c.status === 'pending' ? html`<button class="secondary" @click=${() => this.act(async () => (await moderateComments([c.id], 'approve'))[0]!)}>Approve</button>` : nothing}
        ${c.parentId === null
          ? c.closed
            ? html`<button class="secondary" @click=${() => this.act(() => moderateComment(c.id, 'reopen'))}>Reopen thread</button>`
            : html`<button class="secondary" @click=${() => this.openForm('close')}>Close thread</button>`
          : nothing}
      </div>
      ${this.renderForm()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-moderation': AgoraCommentModeration;
  }
}
