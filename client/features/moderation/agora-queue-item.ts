import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { QueueItem } from '../../../server/contracts/moderation';
import { formatDate, formatDateTime } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { plural } from '../comments/comment-kinds';
import './agora-reason-form';
import type { AgoraReasonForm } from './agora-reason-form';
import { blockAccount, REASON_LABELS, unblockAccount } from './moderation-api';
import { errorMessage } from '../../api/api-client';

const excerpt = (text: string, length = 200): string => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/**
 * One entry of the moderation queue: the comment with its passage, the comment it replies to,
 * the reports and the author's record; a box to select it for a bulk action; block or unblock
 * its author. Fires `selection-changed` {id, selected} and `queue-changed` {message}.
 */
@customElement('agora-queue-item')
export class AgoraQueueItem extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      article { border-left: 5px solid var(--agora-border); padding: var(--agora-space-2) var(--agora-space-3); }
      :host([selected]) article { border-left-color: var(--agora-brand); background: var(--agora-surface); }
      header { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; }
      h2 { margin: 0; font-size: 1.2rem; }
      h3 { font-size: 1rem; margin: var(--agora-space-3) 0 var(--agora-space-1); }
      .select { display: flex; gap: var(--agora-space-2); align-items: center; font-weight: 700; }
      input[type='checkbox'] { width: 1.5rem; height: 1.5rem; margin: 0; accent-color: var(--agora-text); }
      .quote { margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 3px solid var(--agora-text-muted); font-style: italic; }
      .prose { margin: var(--agora-space-2) 0; }
      .prose > :first-child { margin-top: 0; }
      .tag.pending { background: #bbd4ea; color: #0c2d4a; }
      .tag.hidden { background: #f6d7d2; color: #2a0b06; }
      ul { margin: 0; }
      .checkbox { display: flex; gap: var(--agora-space-2); align-items: center; margin-bottom: var(--agora-space-3); }
    `,
  ];

  @property({ attribute: false }) item!: QueueItem;
  @property({ type: Boolean, reflect: true }) selected = false;

  @state() private blocking = false;
  /** Hiding everything they wrote must be a deliberate choice: the box starts unticked. */
  @state() private hideAll = false;
  @state() private error = '';

  private select(selected: boolean): void {
    this.dispatchEvent(new CustomEvent('selection-changed', { detail: { id: this.item.comment.id, selected }, bubbles: true, composed: true }));
  }

  private queueChanged(message: string): void {
    this.blocking = false;
    this.dispatchEvent(new CustomEvent('queue-changed', { detail: { message }, bubbles: true, composed: true }));
  }

  private async openBlockForm(): Promise<void> {
    this.blocking = true;
    await this.updateComplete;
    const form = this.renderRoot.querySelector<AgoraReasonForm>('agora-reason-form');
    await form?.updateComplete;
    form?.focus();
  }

  private async block(reason: string): Promise<void> {
    const { user, hidden } = await blockAccount(this.item.author!.id, reason, this.hideAll);
    this.queueChanged(`${user.displayName} is blocked and signed out everywhere${hidden > 0 ? `; ${plural(hidden, 'comment')} hidden` : ''}.`);
  }

  private async unblock(): Promise<void> {
    this.error = '';
    try {
      const user = await unblockAccount(this.item.author!.id);
      this.queueChanged(`${user.displayName} is unblocked and can take part again.`);
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private status(): string {
    const { comment, reports } = this.item;
    if (comment.status === 'pending') return 'Waiting for approval';
    if (comment.status === 'hidden') return 'Hidden until reviewed';
    return `Reported ${reports.length === 1 ? 'once' : `${reports.length} times`}`;
  }

  private renderAuthor() {
    const author = this.item.author;
    if (!author) return nothing;
    const record = `joined ${formatDate(author.joinedAt)} · ${plural(author.comments, 'comment')} · ${author.hidden} hidden · ${plural(author.reports, 'report')} about their comments`;
    let action;
    if (author.blocked) action = html`<button class="secondary" @click=${this.unblock}>Unblock ${author.displayName}</button>`;
    else if (!this.blocking) action = html`<button class="secondary" @click=${this.openBlockForm}>Block ${author.displayName}</button>`;
    else {
      action = html`<agora-reason-form
        label="Reason for blocking ${author.displayName}"
        hint="Recorded in the public moderation log. They are signed out and can then only read."
        missing="Enter the reason for blocking this account"
        submitLabel="Block account"
        .action=${(reason: string) => this.block(reason)}
        @form-cancelled=${() => (this.blocking = false)}
      >
        <div class="checkbox">
          <input type="checkbox" id="hide-all" .checked=${this.hideAll} @change=${(e: Event) => (this.hideAll = (e.target as HTMLInputElement).checked)} />
          <label for="hide-all">Also hide all their comments, with the same reason</label>
        </div>
      </agora-reason-form>`;
    }
    return html`<h3>The author</h3>
      <p>${author.displayName} (${author.username}): ${record}${author.blocked ? html` · <strong>blocked</strong>` : nothing}</p>
      ${action} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }

  override render() {
    const { comment, where, passage, parent, reports } = this.item;
    const id = `comment-${comment.id}`;
    return html`<article aria-labelledby="${id}-title">
      <header>
        <h2 id="${id}-title">Comment by ${comment.author?.displayName ?? 'a removed account'}</h2>
        <span class="tag ${comment.status}">${this.status()}</span>
        <span class="select">
          <input type="checkbox" id="${id}-select" .checked=${this.selected} @change=${(e: Event) => this.select((e.target as HTMLInputElement).checked)} />
          <label for="${id}-select">Select<span class="visually-hidden"> the comment by ${comment.author?.displayName ?? 'a removed account'}</span></label>
        </span>
      </header>
      <p class="muted">On <a href="/c/${where.consultation}/${where.section}#${id}">${where.sectionTitle}</a>, ${formatDateTime(comment.createdAt)}</p>
      ${passage ? html`<blockquote class="quote">“${excerpt(passage)}”</blockquote>` : nothing}
      ${parent ? html`<p class="muted">In reply to ${parent.author?.displayName ?? 'a removed comment'}: “${excerpt(parent.body)}”</p>` : nothing}
      <div class="prose">${unsafeHTML(comment.html)}</div>
      ${reports.length > 0
        ? html`<h3>Reports</h3>
            <ul>
              ${reports.map((r) => html`<li><strong>${REASON_LABELS[r.reason]}</strong> from ${r.reporter.displayName}, ${formatDateTime(r.createdAt)}${r.note ? `: “${r.note}”` : ''}</li>`)}
            </ul>`
        : nothing}
      ${this.renderAuthor()}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-queue-item': AgoraQueueItem;
  }
}
