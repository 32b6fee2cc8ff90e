import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { OrphanedComment } from '../../../server/contracts/revisions';
import { formatDate } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import type { CommentView } from '../../../server/contracts/comments';
import { listOrphaned, revisionPath } from './revisions-api';
import './agora-mark-addressed';

/**
 * On a section page: comments whose passage a later version changed or removed, apart from the
 * others, each linking to the version it was written on with the passage highlighted. Editors
 * mark one "addressed in version N" here. Renders nothing when there are none.
 */
@customElement('agora-orphaned-comments')
export class AgoraOrphanedComments extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      section { border-top: 1px solid var(--agora-border); margin-top: var(--agora-space-5); }
      ul { list-style: none; padding: 0; max-width: none; }
      li { border-left: 4px solid var(--agora-border); padding: var(--agora-space-2) 0 var(--agora-space-2) var(--agora-space-3); margin-bottom: var(--agora-space-3); }
      blockquote { margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 3px solid var(--agora-text-muted); color: var(--agora-text-muted); font-style: italic; }
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  /** The section's current version: the list reloads when it changes (anchors move on publish). */
  @property({ type: Number }) revision = 0;

  @state() private comments: OrphanedComment[] = [];
  private readonly session = new SessionController(this);
  private abort?: AbortController;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('consultation') || changed.has('section') || changed.has('revision')) void this.load();
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      this.comments = await listOrphaned(this.consultation, this.section, abort.signal);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.comments = [];
    }
  }

  override render() {
    if (this.comments.length === 0) return nothing;
    return html`<section aria-labelledby="orphaned-title">
      <h2 id="orphaned-title">The passage this referred to was changed</h2>
      <p>These comments were about text that a later version changed or removed. Each links to the version it was written on, with the passage highlighted.</p>
      <ul>
        ${this.comments.map((entry) => this.renderEntry(entry))}
      </ul>
    </section>`;
  }

  private renderEntry({ comment, passage }: OrphanedComment) {
    return html`<li>
      <p>
        <strong>${comment.author?.displayName ?? 'Removed comment'}</strong>
        <span class="muted">on version ${comment.revision}, ${formatDate(comment.createdAt)}</span>
      </p>
      ${passage.exact ? html`<blockquote>${passage.exact}</blockquote>` : nothing}
      ${comment.author ? html`<div class="prose">${unsafeHTML(comment.html)}</div>` : html`<p class="muted">${comment.notice}</p>`}
      <div class="links">
        <a href=${revisionPath(this.consultation, this.section, passage.revision, passage)}>See the passage in version ${passage.revision}</a>
        <a href="#comment-${comment.id}">Go to the comment and its replies</a>
      </div>
      <agora-mark-addressed
        .comment=${comment}
        .consultation=${this.consultation}
        .section=${this.section}
        .latest=${this.revision}
        .user=${this.session.user}
        @comment-changed=${(event: CustomEvent<{ comment: CommentView }>) => this.marked(event.detail.comment)}
      ></agora-mark-addressed>
    </li>`;
  }

  private marked(comment: CommentView): void {
    this.comments = this.comments.map((entry) => (entry.comment.id === comment.id ? { ...entry, comment } : entry));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-orphaned-comments': AgoraOrphanedComments;
  }
}
