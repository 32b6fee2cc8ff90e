import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionUser } from '../../../server/contracts/auth';
import type { CommentView } from '../../../server/contracts/comments';
import { formErrorsFrom } from '../../ui/form-errors';
import { sharedStyles } from '../../ui/shared-styles';
import { canEdit, markAddressed, revisionPath } from './revisions-api';

/**
 * "Addressed in version N" under a comment, for everyone; editors mark any visible comment as
 * addressed by a version published after it here. Fires `comment-changed` {comment} once marked.
 */
@customElement('agora-mark-addressed')
export class AgoraMarkAddressed extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .addressed { font-weight: 700; color: var(--agora-success); margin: var(--agora-space-1) 0; }
      form { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; margin-top: var(--agora-space-2); }
      select { font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); background: #fff; color: var(--agora-text); }
      button { font-size: 0.95rem; padding: var(--agora-space-1) var(--agora-space-2); }
    `,
  ];

  @property({ attribute: false }) comment!: CommentView;
  @property() consultation = '';
  @property() section = '';
  /** The section's current version: the latest a comment can be marked as addressed by. */
  @property({ type: Number }) latest = 0;
  @property({ attribute: false }) user: SessionUser | null | undefined = null;
  @state() private problem = '';

  override render() {
    const { comment } = this;
    const addressed = comment.addressed;
    const later = Array.from({ length: Math.max(0, this.latest - comment.revision) }, (_, i) => this.latest - i);
    const offer = canEdit(this.user) && comment.status === 'visible' && later.length > 0;
    return html`${addressed
      ? html`<p class="addressed">
          Addressed in <a href=${revisionPath(this.consultation, this.section, addressed.revision)}>version ${addressed.revision}</a>${addressed.by ? ` (marked by ${addressed.by.displayName})` : ''}
        </p>`
      : nothing}
    ${offer
      ? html`<form @submit=${this.mark}>
          <label for="addressed-${comment.id}">Addressed in</label>
          <select id="addressed-${comment.id}" name="revision">
            ${later.map((n) => html`<option value=${n} ?selected=${n === addressed?.revision}>version ${n}</option>`)}
          </select>
          <button class="secondary">Mark as addressed</button>
        </form>`
      : nothing}
    ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}`;
  }

  private async mark(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const revision = Number(new FormData(event.target as HTMLFormElement).get('revision'));
    try {
      const comment = await markAddressed(this.comment.id, revision);
      this.problem = '';
      this.dispatchEvent(new CustomEvent('comment-changed', { detail: { comment }, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = formErrorsFrom(error)[0]?.message ?? 'The comment could not be marked.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-mark-addressed': AgoraMarkAddressed;
  }
}
