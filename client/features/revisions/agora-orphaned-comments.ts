import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { OrphanedComment } from '../../../server/contracts/revisions';
import { formatDate } from '../../ui/format';
import { formErrorsFrom } from '../../ui/form-errors';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { canEdit, listOrphaned, markAddressed, revisionPath } from './revisions-api';

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
      .addressed { font-weight: 700; color: var(--agora-success); }
      form { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: end; margin-top: var(--agora-space-2); }
      select { font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); }
      form button { font-size: 0.95rem; padding: var(--agora-space-1) var(--agora-space-2); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  /** The section's current version: the list reloads when it changes (anchors move on publish). */
  @property({ type: Number }) revision = 0;

  @state() private comments: OrphanedComment[] = [];
  @state() private problem = '';
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
    const editor = canEdit(this.session.user);
    return html`<section aria-labelledby="orphaned-title">
      <h2 id="orphaned-title">The passage this referred to was changed</h2>
      <p>These comments were about text that a later version changed or removed. Each links to the version it was written on, with the passage highlighted.</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <ul>
        ${this.comments.map((entry) => this.renderEntry(entry, editor))}
      </ul>
    </section>`;
  }

  private renderEntry({ comment, passage }: OrphanedComment, editor: boolean) {
    const later = Array.from({ length: Math.max(0, this.revision - comment.revision) }, (_, i) => this.revision - i);
    return html`<li>
      <p>
        <strong>${comment.author?.displayName ?? 'Removed comment'}</strong>
        <span class="muted">on version ${comment.revision}, ${formatDate(comment.createdAt)}</span>
      </p>
      ${passage.exact ? html`<blockquote>${passage.exact}</blockquote>` : nothing}
      ${comment.author ? html`<div class="prose">${unsafeHTML(comment.html)}</div>` : html`<p class="muted">${comment.notice}</p>`}
      ${comment.addressed ? html`<p class="addressed">Addressed in version ${comment.addressed.revision}${comment.addressed.by ? ` (marked by ${comment.addressed.by.displayName})` : ''}</p>` : nothing}
      <div class="links">
        <a href=${revisionPath(this.consultation, this.section, passage.revision, passage)}>See the passage in version ${passage.revision}</a>
        <a href="#comment-${comment.id}">Go to the comment and its replies</a>
      </div>
      ${editor && comment.status === 'visible' && later.length > 0
        ? html`<form @submit=${(e: SubmitEvent) => this.mark(e, comment.id)}>
            <label for="addressed-${comment.id}">Addressed in</label>
            <select id="addressed-${comment.id}" name="revision">
              ${later.map((n) => html`<option value=${n} ?selected=${n === comment.addressed?.revision}>version ${n}</option>`)}
            </select>
            <button class="secondary">Mark as addressed</button>
          </form>`
        : nothing}
    </li>`;
  }

  private async mark(event: SubmitEvent, id: number): Promise<void> {
    event.preventDefault();
    const revision = Number(new FormData(event.target as HTMLFormElement).get('revision'));
    try {
      const comment = await markAddressed(id, revision);
      this.comments = this.comments.map((entry) => (entry.comment.id === id ? { ...entry, comment } : entry));
      this.problem = '';
    } catch (error) {
      this.problem = formErrorsFrom(error)[0]?.message ?? 'The comment could not be marked.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-orphaned-comments': AgoraOrphanedComments;
  }
}
