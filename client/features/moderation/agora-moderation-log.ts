import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { LogEntry } from '../../../server/contracts/moderation';
import { formatDateTime } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';
import { ACTION_LABELS, getLog } from './moderation-api';
import { errorMessage } from '../../api/api-client';
import { setPageTitle } from '../../ui/page-title';

/** /moderation/log: every moderation action, newest first, for anyone — who, what, which, why, when; never a hidden comment's text. */
@customElement('agora-moderation-log')
export class AgoraModerationLog extends LitElement {
  static override styles = [sharedStyles, tableStyles];

  @state() private entries?: LogEntry[];
  @state() private nextPage: number | null = null;
  @state() private loadProblem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle('Moderation log');
    void this.load(1);
  }

  private async load(page: number): Promise<void> {
    try {
      const log = await getLog(page);
      this.entries = page === 1 ? log.entries : [...(this.entries ?? []), ...log.entries];
      this.nextPage = log.nextPage;
      this.loadProblem = '';
    } catch (error) {
      this.loadProblem = errorMessage(error);
    }
  }

  /** The comment, proposal, proposal comment, account or section the action was about, linked where it can be. */
  private renderSubject(entry: LogEntry) {
    const where = entry.where;
    if (entry.proposalCommentId !== null && entry.proposalId !== null) {
      return html`<a href="/p/${entry.proposalId}#proposal-comment-${entry.proposalCommentId}">A comment on proposed edit #${entry.proposalId}</a>`;
    }
    if (entry.proposalId !== null) return html`<a href="/p/${entry.proposalId}">Proposed edit #${entry.proposalId}</a>`;
    if (entry.commentId !== null && where) {
      return html`<a href="/c/${where.consultation}/${where.section}#comment-${entry.commentId}">Comment ${entry.commentId}</a> on ${where.sectionTitle}`;
    }
    if (entry.user) return html`The account ${entry.user.displayName} (${entry.user.username})`;
    if (where) return html`<a href="/c/${where.consultation}/${where.section}">${where.sectionTitle}</a>`;
    return entry.commentId === null ? nothing : html`Comment ${entry.commentId}`;
  }

  private renderEntries(entries: LogEntry[]) {
    if (entries.length === 0) return html`<p>No moderation actions yet.</p>`;
    return html`<div class="table-wrap">
        <table>
          <caption class="visually-hidden">Moderation actions, newest first</caption>
          <thead>
            <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">About</th><th scope="col">Reason</th></tr>
          </thead>
          <tbody>
            ${entries.map(
              (entry) => html`<tr>
                <td>${formatDateTime(entry.createdAt)}</td>
                <td>${entry.actor?.displayName ?? 'Automatic'}</td>
                <td>${ACTION_LABELS[entry.action].replace('a comment', entry.proposalId !== null && entry.proposalCommentId === null ? 'a proposed edit' : 'a comment')}</td>
                <td>${this.renderSubject(entry)}</td>
                <td>${entry.reason ?? html`<span class="muted">None given</span>`}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.nextPage ? html`<button class="secondary" @click=${() => this.load(this.nextPage!)}>Show older actions</button>` : nothing}`;
  }

  override render() {
    let body;
    if (this.entries) body = this.renderEntries(this.entries);
    else if (this.loadProblem) body = html`<div role="alert"><p>The log could not be loaded. ${this.loadProblem}</p><button @click=${() => this.load(1)}>Try again</button></div>`;
    else body = html`<p aria-live="polite">Loading…</p>`;
    return html`<h1>Moderation log</h1>
      <p>Every action moderators take on comments and accounts is published here with the reason they gave, so that moderation is open to scrutiny. The text of hidden comments is not shown. “Automatic” means a comment was hidden because several people reported it; a moderator then reviews it.</p>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-moderation-log': AgoraModerationLog;
  }
}
