import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { followPath, isFollowing, setFollowing } from './notifications-api';

/**
 * One click to follow a section (new threads there reach the bell and, as chosen, email) or a
 * thread (its replies do), or to stop. A toggle button (`aria-pressed`), shown only to someone
 * signed in who may take part. Its state is given (`following`: a comment's `followedByMe`, a
 * list of follows) or else asked for.
 */
@customElement('agora-follow-button')
export class AgoraFollowButton extends LitElement {
  static override styles = [sharedStyles, css`:host { display: inline-block; } .problem { color: var(--agora-error); margin: 0; }`];

  @property() consultation = '';
  @property() section = '';
  /** Set to follow the thread of this top-level comment instead of the section. */
  @property({ type: Number }) commentId = 0;
  /** Whether the viewer follows it, when the server presented that (comments carry `followedByMe`). */
  @property({ attribute: false }) following: boolean | undefined;
  @state() private busy = false;
  @state() private problem = '';
  private readonly session = new SessionController(this);
  private loadedFor = '';

  private get path(): string {
    return followPath(this.commentId ? { commentId: this.commentId } : { consultation: this.consultation, section: this.section });
  }

  private get noun(): string {
    return this.commentId ? 'thread' : 'section';
  }

  override updated(): void {
    const key = `${this.session.user?.id ?? ''}:${this.path}`;
    if (!this.session.user?.can.participate || key === this.loadedFor) return;
    const presented = this.loadedFor === '' && this.following !== undefined;
    this.loadedFor = key;
    if (presented) return;
    isFollowing(this.path).then(
      ({ following }) => (this.following = following),
      () => (this.following = false),
    );
  }

  private async toggle(): Promise<void> {
    this.busy = true;
    this.problem = '';
    try {
      this.following = (await setFollowing(this.path, !this.following)).following;
    } catch (error) {
      this.problem = error instanceof ApiError ? error.message : 'That did not work. Try again.';
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.session.user?.can.participate || this.following === undefined) return nothing;
    return html`<button part="button" class="secondary" aria-pressed=${this.following ? 'true' : 'false'} ?disabled=${this.busy} @click=${this.toggle}>
        ${this.following ? html`<span aria-hidden="true">✓ </span>Following this ${this.noun}` : `Follow this ${this.noun}`}
      </button>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-follow-button': AgoraFollowButton;
  }
}
