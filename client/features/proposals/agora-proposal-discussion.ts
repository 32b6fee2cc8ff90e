import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import '../../ui/agora-error-summary';
import { FormController } from '../../ui/form-controller';
import { formatDateTime } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import '../moderation/agora-proposal-moderation';
import { proposalStyles } from './proposal-styles';
import { listProposalComments, postProposalComment } from './proposals-api';
import { errorMessage } from '../../api/api-client';

/** The discussion under a proposal: comments oldest first, and a box to add one. */
@customElement('agora-proposal-discussion')
export class AgoraProposalDiscussion extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    proposalStyles,
    css`
      ol { list-style: none; padding: 0; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      .byline { margin: 0 0 var(--agora-space-1); }
    `,
  ];

  @property({ type: Number }) proposalId = 0;
  /** From the proposal's `can.comment`: whether the server would take a comment from this viewer. */
  @property({ type: Boolean }) canComment = false;
  @state() private body = '';
  private readonly form = new FormController(this);
  private readonly session = new SessionController(this);

  private readonly comments = new Task(this, {
    task: ([id], { signal }) => listProposalComments(id, signal),
    args: () => [this.proposalId] as const,
  });

  private async post(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const posted = await this.form.run(async () => {
      await postProposalComment(this.proposalId, this.body);
    });
    if (posted) {
      this.body = '';
      await this.comments.run();
    }
  }

  override render() {
    return html`<section aria-labelledby="discussion-title">
      <h2 id="discussion-title">Discussion</h2>
      ${this.comments.render({
        pending: () => html`<p aria-live="polite">Loading the discussion…</p>`,
        error: (error) => html`<p class="error">The discussion could not be loaded: ${errorMessage(error)}</p>`,
        complete: (comments) =>
          comments.length === 0
            ? html`<p>No one has commented on this proposal yet.</p>`
            : html`<ol>
                ${comments.map(
                  (c) => html`<li id="proposal-comment-${c.id}">
                    ${c.author || !c.notice
                      ? html`<p class="byline"><strong>${c.author?.displayName ?? 'A former member'}</strong> <span class="muted">${formatDateTime(c.createdAt)}</span></p>`
                      : nothing}
                    ${c.notice ? html`<p class="notice warning">${c.notice}</p>` : nothing}
                    ${c.html ? html`<div class="prose">${unsafeHTML(c.html)}</div>` : nothing}
                    <agora-proposal-moderation
                      target="proposal-comment"
                      .itemId=${c.id}
                      .moderation=${c.moderation}
                      .author=${c.author?.username ?? null}
                      @moderation-changed=${() => this.comments.run()}
                    ></agora-proposal-moderation>
                  </li>`,
                )}
              </ol>`,
      })}
      ${this.renderForm()}
    </section>`;
  }

  private renderForm() {
    if (this.session.user === null) {
      return html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in to comment on this proposal</a></p>`;
    }
    if (!this.canComment) return nothing;
    const error = this.form.errorFor('body');
    return html`<agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <form novalidate @submit=${this.post}>
        <div class="field ${error ? 'invalid' : ''}">
          <label for="body">Add a comment</label>
          ${error ? html`<p class="message" id="body-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
          <textarea
            id="body"
            name="body"
            rows="4"
            aria-describedby=${error ? 'body-error' : nothing}
            .value=${this.body}
            @input=${(event: Event) => (this.body = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <button type="submit" ?disabled=${this.form.busy}>Add comment</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-discussion': AgoraProposalDiscussion;
  }
}
