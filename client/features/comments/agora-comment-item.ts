import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { SessionUser } from '../../../server/contracts/auth';
import type { CommentView } from '../../../server/contracts/comments';
import { formatDateTime } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import '../moderation/agora-comment-moderation';
import '../moderation/agora-report-form';
import '../notifications/agora-follow-button';
import './agora-comment-form';
import './agora-comment-versions';
import { revisionPath } from '../revisions/revisions-api';
import '../revisions/agora-mark-addressed';
import { draftKey } from './comment-drafts';
import { KIND_TAGS, plural } from './comment-kinds';
import { deleteComment, setEndorsement } from './comments-api';

const shortQuote = (text: string): string => (text.length > 240 ? `${text.slice(0, 239).trimEnd()}…` : text);

/**
 * One comment: author, kind, quote, body, and what the viewer may do with it (endorse, follow its
 * thread, reply, edit, delete, see earlier versions). Server checks every action; this only hides what would fail.
 * Fires `comment-changed` {comment} after an endorsement or deletion; replies and edits bubble
 * up from the embedded form as `comment-saved`.
 */
@customElement('agora-comment-item')
export class AgoraCommentItem extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      article { border-left: 4px solid var(--agora-border); padding: var(--agora-space-2) 0 var(--agora-space-2) var(--agora-space-3); }
      article:focus { outline: 3px solid var(--agora-focus); }
      :host([highlighted]) article { background: var(--agora-highlight); border-left-color: var(--agora-text); }
      :host([fresh]) article { animation: arrive 2.5s ease-out; }
      @keyframes arrive { from { transform: translateY(-0.5rem); opacity: 0; background: var(--agora-highlight); } 15% { transform: none; opacity: 1; } to { background: transparent; } }
      @media (prefers-reduced-motion: reduce) { :host([fresh]) article { animation: none; } }
      header { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: baseline; }
      .quote { margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 3px solid var(--agora-text-muted); font-style: italic; color: var(--agora-text-muted); }
      .notice { font-style: italic; }
      .prose { margin: var(--agora-space-2) 0; }
      .prose > :first-child { margin-top: 0; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; }
      .actions button, .actions agora-follow-button::part(button) { font-size: 0.95rem; padding: var(--agora-space-1) var(--agora-space-2); }
      button[aria-pressed='true'] { background: var(--agora-success); color: #fff; box-shadow: 0 2px 0 #004e2a; }
      .tag.object { background: #f6d7d2; color: #2a0b06; }
      .tag.support { background: #cce2d8; color: #005a30; }
      .tag.question { background: #bbd4ea; color: #0c2d4a; }
      .tag.suggestion { background: #fff7bf; color: #594d00; }
      .tag.evidence { background: #e6e3f2; color: #2b1d59; }
      .tag.official { background: var(--agora-brand); color: #fff; }
    `,
  ];

  @property({ attribute: false }) comment!: CommentView;
  @property() consultation = '';
  @property() section = '';
  /** The section's current version (editors mark the comment as addressed by a version up to it). */
  @property({ type: Number }) latestRevision = 0;
  @property({ attribute: false }) user: SessionUser | null | undefined = null;
  /** Comments may be written here now (consultation open, section and thread not closed). */
  @property({ type: Boolean }) writable = false;
  /** The thread or section is closed, but this viewer (editor or moderator) may post an official response. */
  @property({ type: Boolean }) officialOnly = false;
  @property({ type: Boolean, reflect: true }) highlighted = false;
  @property({ type: Boolean, reflect: true }) fresh = false;

  @state() private mode: 'view' | 'reply' | 'edit' | 'confirm-delete' | 'report' = 'view';
  @state() private reported = false;
  @state() private showVersions = false;
  @state() private error = '';

  /** Brings the comment into view and moves focus to it (permalinks). */
  reveal(): void {
    const article = this.renderRoot.querySelector<HTMLElement>('article');
    article?.scrollIntoView({ block: 'center' });
    article?.focus({ preventScroll: true });
  }

  private get own(): boolean {
    return !!this.user && this.comment.author?.username === this.user.username;
  }

  private async act(action: () => Promise<CommentView>): Promise<void> {
    this.error = '';
    try {
      const comment = await action();
      this.mode = 'view';
      this.dispatchEvent(new CustomEvent('comment-changed', { detail: { comment }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private renderEndorsement() {
    const c = this.comment;
    const count = plural(c.endorsements, 'endorsement');
    const canEndorse = this.writable && !!this.user?.can.participate && !this.own && c.status === 'visible';
    if (!canEndorse) return c.endorsements > 0 ? html`<span class="muted">${count}</span>` : nothing;
    return html`<button class="secondary" aria-pressed=${c.endorsedByMe ? 'true' : 'false'} @click=${() => this.act(() => setEndorsement(c.id, !c.endorsedByMe))}>
        ${c.endorsedByMe ? '✓ Endorsed' : 'Endorse'}
      </button>
      <span class="muted">${count}</span>`;
  }

  private renderActions() {
    const c = this.comment;
    const signedIn = !!this.user?.can.participate;
    const removed = c.status === 'deleted' || c.status === 'hidden';
    if (this.mode === 'confirm-delete') {
      return html`<p>Delete this comment? Replies to it will stay.</p>
        <div class="actions">
          <button @click=${() => this.act(() => deleteComment(c.id))}>Yes, delete it</button>
          <button class="secondary" @click=${() => (this.mode = 'view')}>Cancel</button>
        </div>`;
    }
    return html`<div class="actions">
      ${this.renderEndorsement()}
      ${signedIn && c.parentId === null ? html`<agora-follow-button .commentId=${c.id} .following=${c.followedByMe}></agora-follow-button>` : nothing}
      ${(this.writable || this.officialOnly) && signedIn && !removed
        ? html`<button class="secondary" @click=${() => (this.mode = 'reply')}>${this.officialOnly ? 'Post an official response' : 'Reply'}</button>`
        : nothing}
      ${signedIn && !this.own && c.status === 'visible' && !this.reported && !c.reportedByMe
        ? html`<button class="secondary" @click=${() => (this.mode = 'report')}>Report</button>`
        : nothing}
      ${this.reported ? html`<span role="status">Thank you. A moderator will look at this comment.</span>` : nothing}
      ${c.reportedByMe && !this.reported ? html`<span class="muted">You reported this comment.</span>` : nothing}
      ${this.writable && this.own && !removed
        ? html`<button class="secondary" @click=${() => (this.mode = 'edit')}>Edit</button>
            <button class="secondary" @click=${() => (this.mode = 'confirm-delete')}>Delete</button>`
        : nothing}
      ${c.edited ? html`<button class="secondary" aria-expanded=${this.showVersions ? 'true' : 'false'} @click=${() => (this.showVersions = !this.showVersions)}>Earlier versions</button>` : nothing}
    </div>`;
  }

  private renderForm() {
    if (this.mode === 'report') {
      return html`<agora-report-form
        .commentId=${this.comment.id}
        @report-sent=${() => ((this.reported = true), (this.mode = 'view'))}
        @form-cancelled=${() => (this.mode = 'view')}
      ></agora-report-form>`;
    }
    if (this.mode !== 'reply' && this.mode !== 'edit') return nothing;
    return html`<agora-comment-form
      .consultation=${this.consultation}
      .section=${this.section}
      .mode=${this.mode}
      .draftKey=${this.mode === 'reply' ? draftKey(this.consultation, this.section, `reply-${this.comment.id}`) : ''}
      .parentId=${this.comment.id}
      .comment=${this.comment}
      @comment-saved=${() => (this.mode = 'view')}
      @form-cancelled=${() => (this.mode = 'view')}
    ></agora-comment-form>`;
  }

  /**
   * The words the author quoted, always; and when the passage has changed since, what it says
   * now (or that it is gone), with a link to the version the comment was written on.
   */
  private renderQuote() {
    const anchor = this.comment.anchor;
    if (!anchor) return nothing;
    const written = html`<a href=${revisionPath(this.consultation, this.section, this.comment.revision)}>see version ${this.comment.revision}, which it was written on</a>`;
    const changed =
      anchor.state === 'orphaned'
        ? html`<p class="notice">The passage this referred to was changed (${written}).</p>`
        : anchor.exact !== anchor.quote
          ? html`<p class="notice">The text has changed since this comment: it now reads “${shortQuote(anchor.exact)}” (${written}).</p>`
          : nothing;
    return html`<blockquote class="quote">“${shortQuote(anchor.quote)}”</blockquote>
      ${changed}`;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('mode') && (this.mode === 'reply' || this.mode === 'edit')) {
      void this.renderRoot.querySelector('agora-comment-form')?.updateComplete.then(() => this.renderRoot.querySelector('agora-comment-form')?.focus());
    }
    if (changed.has('mode') && this.mode === 'report') {
      void this.renderRoot.querySelector('agora-report-form')?.updateComplete.then(() => this.renderRoot.querySelector('agora-report-form')?.focus());
    }
  }

  override render() {
    const c = this.comment;
    const when = formatDateTime(c.createdAt);
    return html`<article id="comment-${c.id}" tabindex="-1" aria-label="${KIND_TAGS[c.kind]} by ${c.author?.displayName ?? 'a removed author'}">
      <header>
        ${c.parentId === null ? html`<span class="tag ${c.kind}">${KIND_TAGS[c.kind]}</span>` : nothing}
        <strong>${c.author?.displayName ?? 'Removed comment'}</strong>
        ${c.respondent ? html`<span class="muted">${c.respondent.type === 'organisation' ? `for ${c.respondent.organisation}` : 'as an individual'}</span>` : nothing}
        <a class="muted" href="/c/${this.consultation}/${this.section}#comment-${c.id}" title="Link to this comment">${when}</a>
        ${c.edited ? html`<span class="muted">(edited)</span>` : nothing}
        ${c.official ? html`<span class="tag official">Official response</span>` : nothing}
      </header>
      ${c.questionId ? html`<p class="muted"><a href="/c/${this.consultation}/questions#question-${c.questionId}">Answers one of the consultation’s questions</a></p>` : nothing}
      ${c.parentId === null ? this.renderQuote() : nothing}
      ${c.notice ? html`<p class="notice">${c.notice}</p>` : nothing}
      ${c.html ? html`<div class="prose">${unsafeHTML(c.html)}</div>` : nothing}
      ${c.parentId === null
        ? html`<agora-mark-addressed .comment=${c} .consultation=${this.consultation} .section=${this.section} .latest=${this.latestRevision} .user=${this.user}></agora-mark-addressed>`
        : nothing}
      ${this.renderActions()}
      ${this.user?.can.moderate ? html`<agora-comment-moderation .comment=${c}></agora-comment-moderation>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.showVersions ? html`<agora-comment-versions .commentId=${c.id}></agora-comment-versions>` : nothing}
      ${this.renderForm()}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-item': AgoraCommentItem;
  }
}
