import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { BulkAction, QueueItem } from '../../../server/contracts/moderation';
import { ApiError, errorMessage } from '../../api/api-client';
import { CoalescedReload } from '../../live/coalesced-reload';
import { live } from '../../live/live-client';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { plural } from '../comments/comment-kinds';
import { commentFormStyles } from '../comments/comment-form-styles';
import './agora-proposal-queue';
import './agora-queue-item';
import { getQueue, moderateComments } from './moderation-api';

const ACTIONS: { action: BulkAction; label: string; done: string }[] = [
  { action: 'hide', label: 'Hide them, with the reason below', done: 'hidden' },
  { action: 'restore', label: 'Restore them (they were hidden)', done: 'restored' },
  { action: 'dismiss-reports', label: 'Dismiss the reports (they are fine)', done: 'cleared of their reports' },
  { action: 'approve', label: 'Approve them (they were waiting for approval)', done: 'approved' },
];
// Reports and queue changes arrive live; several together cause one reload.
const RELOAD_DELAY_MS = 300;

/** /moderation: reported and pending comments with their context; act on many at once. Moderators only. */
@customElement('agora-moderation-queue')
export class AgoraModerationQueue extends LitElement {
  static override styles = [
    sharedStyles,
    commentFormStyles,
    css`
      .notice { border-left: 5px solid var(--agora-success); padding: var(--agora-space-2) var(--agora-space-3); margin-bottom: var(--agora-space-4); background: #e6f2ec; }
      .notice:empty { display: none; }
      form.bulk { border: 2px solid var(--agora-border); padding: var(--agora-space-3); margin-bottom: var(--agora-space-4); max-width: none; }
      ol { list-style: none; padding: 0; margin: 0; max-width: none; }
      li { margin-bottom: var(--agora-space-4); }
    `,
  ];

  @state() private items?: QueueItem[];
  @state() private nextPage: number | null = null;
  @state() private loadProblem = '';
  @state() private notice = '';
  @state() private selected = new Set<number>();
  private readonly session = new SessionController(this);
  private readonly form = new FormController(this, 'Moderation');
  private stopLive?: () => void;
  private readonly reload = new CoalescedReload(this, () => this.load(1), RELOAD_DELAY_MS);

  protected override willUpdate(): void {
    if (this.session.user?.can.moderate && !this.stopLive) {
      this.stopLive = live.subscribe('moderation', undefined, { onEvent: () => this.reload.request(), onReset: () => this.reload.request() });
      void this.load(1);
    }
  }

  override disconnectedCallback(): void {
    this.stopLive?.();
    this.stopLive = undefined;
    super.disconnectedCallback();
  }

  private async load(page: number): Promise<void> {
    try {
      const queue = await getQueue(page);
      this.items = page === 1 ? queue.items : [...(this.items ?? []), ...queue.items];
      this.nextPage = queue.nextPage;
      this.loadProblem = '';
      // What was selected stays selected while it is still in the queue.
      const shown = new Set(this.items.map((item) => item.comment.id));
      this.selected = new Set([...this.selected].filter((id) => shown.has(id)));
    } catch (error) {
      this.loadProblem = errorMessage(error);
    }
  }

  private onSelection(event: CustomEvent<{ id: number; selected: boolean }>): void {
    const selected = new Set(this.selected);
    if (event.detail.selected) selected.add(event.detail.id);
    else selected.delete(event.detail.id);
    this.selected = selected;
  }

  private async apply(values: FormValues): Promise<void> {
    const action = ACTIONS.find((a) => a.action === values.get('action'));
    const reason = values.get('reason').trim();
    const problems = [
      ...(action ? [] : [{ field: 'action', message: 'Select what to do with the selected comments' }]),
      ...(this.selected.size > 0 ? [] : [{ message: 'Select at least one comment in the queue' }]),
      ...(action?.action === 'hide' && !reason ? [{ field: 'reason', message: 'Enter the reason for hiding, which everyone will see' }] : []),
    ];
    // Thrown like the server's own 400, so the form shows every problem the same way.
    if (problems.length > 0) throw new ApiError(400, 'invalid_input', problems[0]!.message, undefined, { errors: problems });
    this.notice = '';
    const changed = await moderateComments([...this.selected], action!.action, reason || undefined);
    this.notice = `${plural(changed.length, 'comment')} ${action!.done}.`;
    this.selected = new Set();
    await this.load(1);
  }

  private renderBulkForm() {
    const actionError = this.form.errorFor('action');
    return html`<form class="bulk" novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.apply(values))}>
      <fieldset class=${actionError ? 'invalid' : ''} aria-describedby=${actionError ? 'action-error' : nothing}>
        <legend>What to do with the selected comments</legend>
        ${actionError ? html`<p class="field-error" id="action-error"><span class="visually-hidden">Error:</span> ${actionError}</p>` : nothing}
        ${ACTIONS.map(
          ({ action, label }, index) => html`<div class="radio">
            <input type="radio" name="action" id=${index === 0 ? 'action' : `action-${action}`} value=${action} />
            <label for=${index === 0 ? 'action' : `action-${action}`}>${label}</label>
          </div>`,
        )}
      </fieldset>
      <agora-text-field id="reason" name="reason" label="Reason for hiding" hint="Everyone will see it in place of each hidden comment, for example “spam”." .error=${this.form.errorFor('reason')}></agora-text-field>
      <button ?disabled=${this.form.busy}>Apply to ${plural(this.selected.size, 'selected comment')}</button>
    </form>`;
  }

  private renderQueue() {
    if (!this.items) {
      return this.loadProblem
        ? html`<div role="alert"><p>The queue could not be loaded. ${this.loadProblem}</p><button @click=${() => this.load(1)}>Try again</button></div>`
        : html`<p aria-live="polite">Loading the queue…</p>`;
    }
    if (this.items.length === 0) return html`<p>Nothing to review: no comment is reported or waiting for approval.</p>`;
    return html`${this.renderBulkForm()}
      <ol @selection-changed=${this.onSelection} @queue-changed=${(e: CustomEvent<{ message: string }>) => ((this.notice = e.detail.message), void this.load(1))}>
        ${this.items.map((item) => html`<li><agora-queue-item .item=${item} ?selected=${this.selected.has(item.comment.id)}></agora-queue-item></li>`)}
      </ol>
      ${this.nextPage ? html`<button class="secondary" @click=${() => this.load(this.nextPage!)}>Show more</button>` : nothing}`;
  }

  override render() {
    const me = this.session.user;
    let body;
    if (me === undefined) body = html`<p aria-live="polite">Loading…</p>`;
    else if (me === null) body = html`<p>You need to <a href=${authPageHref('/sign-in', '/moderation')}>sign in</a> as a moderator to see the queue.</p>`;
    else if (!me.can.moderate) body = html`<p>Only moderators can see the moderation queue. You can read the <a href="/moderation/log">public moderation log</a>.</p>`;
    else {
      body = html`<p>Reported comments and comments waiting for approval, most reported first. Every action is published in the <a href="/moderation/log">moderation log</a>.</p>
        <div class="notice" role="status">${this.notice}</div>
        ${this.renderQueue()}
        <agora-proposal-queue></agora-proposal-queue>`;
    }
    return html`<agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Moderation</h1>
      ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-moderation-queue': AgoraModerationQueue;
  }
}
