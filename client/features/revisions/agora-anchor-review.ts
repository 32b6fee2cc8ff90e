import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { AnchorReviewItem, Passage } from '../../../server/contracts/revisions';
import { formErrorsFrom } from '../../ui/form-errors';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { canEdit, checkAnchor, listAnchorReview } from './revisions-api';


const METHOD_TEXT: Record<string, string> = {
  diff: 'followed its words through the edit',
  fuzzy: 'found by a look-alike search',
};

/**
 * On a section page, for editors: comments that re-anchoring placed without being sure ("Check
 * these 3 comments"), each with the words its author quoted and what the text now reads. One click
 * confirms, orphans or re-points a comment (to a look-alike passage); it then leaves the list.
 */
@customElement('agora-anchor-review')
export class AgoraAnchorReview extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      section { border: 3px solid var(--agora-text); padding: var(--agora-space-3); margin-top: var(--agora-space-5); }
      h2 { margin-top: 0; }
      ul { list-style: none; padding: 0; max-width: none; }
      li.item { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      dl { margin: 0; }
      dt { font-weight: 700; margin-top: var(--agora-space-2); }
      dd { margin: 0; overflow-wrap: anywhere; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); margin-top: var(--agora-space-3); }
      .actions button, .candidates button { min-height: 44px; }
      .candidates { margin-top: var(--agora-space-2); }
      .candidates ul { display: flex; flex-direction: column; gap: var(--agora-space-2); }
      .candidates button { text-align: left; overflow-wrap: anywhere; width: 100%; }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  /** The section's current version: the list reloads when it changes (each publish re-anchors). */
  @property({ type: Number }) revision = 0;

  @state() private items: AnchorReviewItem[] = [];
  @state() private status = '';
  @state() private problem = '';
  private readonly session = new SessionController(this);
  private abort?: AbortController;
  private loadedFor = '';

  protected override willUpdate(): void {
    const key = `${this.consultation}/${this.section}/${this.revision}/${canEdit(this.session.user)}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    if (!canEdit(this.session.user) || !this.consultation || !this.section) {
      this.items = [];
      return;
    }
    const abort = (this.abort = new AbortController());
    try {
      this.items = await listAnchorReview(this.consultation, this.section, abort.signal);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.items = [];
    }
  }

  override render() {
    if (this.items.length === 0) return html`<p class="visually-hidden" role="status">${this.status}</p>`;
    const count = this.items.length;
    return html`<section aria-labelledby="anchor-review-title">
      <h2 id="anchor-review-title">Check ${count === 1 ? 'this comment' : `these ${count} comments`}</h2>
      <p>The text changed under ${count === 1 ? 'this comment' : 'these comments'}, and Agora is not sure ${count === 1 ? 'it still points' : 'they still point'} at the right words.</p>
      <p role="status">${this.status}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <ul>
        ${this.items.map((item) => this.renderItem(item))}
      </ul>
    </section>`;
  }

  private renderItem({ comment, candidates }: AnchorReviewItem) {
    const anchor = comment.anchor!;
    const who = comment.author?.displayName ?? 'A removed comment';
    const sure = Math.round((anchor.score ?? 0) * 100);
    return html`<li class="item" aria-label="Comment by ${who}">
      <dl>
        <dt>${who} quoted</dt>
        <dd>“${anchor.quote}”</dd>
        <dt>It now points at</dt>
        <dd>“${anchor.exact}” <span class="muted">(${METHOD_TEXT[anchor.method ?? ''] ?? 'placed'}, ${sure}% sure)</span></dd>
        <dt>Their comment</dt>
        <dd class="prose">${comment.author ? unsafeHTML(comment.html) : comment.notice}</dd>
      </dl>
      <div class="actions">
        <button @click=${() => this.act(comment.id, 'confirm', `The comment by ${who} stays where it is.`)}>Right place</button>
        <button class="secondary" @click=${() => this.act(comment.id, 'orphan', `The comment by ${who} is now listed as about changed text.`)}>Passage is gone</button>
      </div>
      ${candidates.length > 0
        ? html`<div class="candidates">
            <p>Or move it to:</p>
            <ul>
              ${candidates.map(
                (candidate) =>
                  html`<li><button class="secondary" @click=${() => this.act(comment.id, 'repoint', `The comment by ${who} now points at “${candidate.exact}”.`, candidate)}>“${candidate.exact}”</button></li>`,
              )}
            </ul>
          </div>`
        : nothing}
    </li>`;
  }

  private async act(id: number, action: 'confirm' | 'orphan' | 'repoint', done: string, passage?: Passage): Promise<void> {
    try {
      await checkAnchor(id, action, passage && { blockId: passage.blockId, start: passage.start, end: passage.end });
      this.items = this.items.filter((item) => item.comment.id !== id);
      this.status = done;
      this.problem = '';
      this.dispatchEvent(new CustomEvent('anchor-checked', { detail: { id }, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = formErrorsFrom(error)[0]?.message ?? 'That did not work. Try again.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-anchor-review': AgoraAnchorReview;
  }
}
