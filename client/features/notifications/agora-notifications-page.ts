import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Delivery, Follow, NotificationView, Preference } from '../../../server/contracts/notifications';
import { errorMessage } from '../../api/api-client';
import '../../ui/agora-error-summary';
import { FormController } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import './agora-follow-button';
import { DELIVERY_LABELS, getFollows, getNotifications, getPreferences, markAllRead, savePreferences } from './notifications-api';

/** /notifications: what happened, newest first; mark all read; what I follow (each stopped in one press); and what to email, per kind. */
@customElement('agora-notifications-page')
export class AgoraNotificationsPage extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      ul.list { list-style: none; padding: 0; }
      ul.list li { border-bottom: 1px solid var(--agora-border, #b1b4b6); padding: var(--agora-space-2) 0; overflow-wrap: anywhere; }
      .unread { font-weight: 700; }
      .body { white-space: pre-line; margin: var(--agora-space-1) 0; }
      fieldset { border: 0; padding: 0; margin: 0 0 var(--agora-space-3); }
      legend { font-weight: 700; }
      label { margin-right: var(--agora-space-3); display: inline-block; }
    `,
  ];

  @state() private notifications: NotificationView[] = [];
  @state() private unread = 0;
  @state() private preferences: Preference[] = [];
  @state() private follows: Follow[] = [];
  @state() private problem = '';
  @state() private saved = false;
  private readonly form = new FormController(this, 'Notifications');

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [list, { preferences }, { follows }] = await Promise.all([getNotifications(), getPreferences(), getFollows()]);
      this.notifications = list.notifications;
      this.follows = follows;
      this.unread = list.unread;
      this.preferences = preferences;
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  override render() {
    if (this.problem) return html`<h1>Notifications</h1><p role="alert">${this.problem}</p>`;
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Notifications</h1>
      <p>${this.unread === 0 ? 'Nothing unread.' : `${this.unread} unread.`}
        ${this.unread > 0 ? html`<button class="secondary" @click=${this.readAll}>Mark all as read</button>` : nothing}</p>
      ${this.notifications.length === 0
        ? html`<p>No notifications yet. Follow a section or a thread to hear of new comments there.</p>`
        : html`<ul class="list">
            ${this.notifications.map(
              (n) => html`<li class=${n.read ? '' : 'unread'}>
                <a href=${n.link}>${n.title}</a>${n.read ? nothing : html` <span>(unread)</span>`}
                ${n.body ? html`<p class="body">${n.body}</p>` : nothing}
                <time datetime=${n.createdAt}>${new Date(n.createdAt).toLocaleString('en-GB')}</time>
              </li>`,
            )}
          </ul>`}
      <h2>What I follow</h2>
      ${this.follows.length === 0
        ? html`<p>Nothing yet. Follow a section from its page, or a thread from its first comment.</p>`
        : html`<ul class="list">
            ${this.follows.map(
              (f) => html`<li>
                <a href=${f.link}>${f.title}</a>
                <agora-follow-button .consultation=${f.consultation} .section=${f.section} .commentId=${f.commentId ?? 0} .following=${true}></agora-follow-button>
              </li>`,
            )}
          </ul>`}
      <h2>What we email you</h2>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.save(values))}>
        ${this.preferences.map(
          (p) => html`<fieldset>
            <legend>${p.label}</legend>
            ${(Object.keys(DELIVERY_LABELS) as Delivery[]).map(
              (d) => html`<label><input type="radio" name=${p.kind} value=${d} ?checked=${p.delivery === d} /> ${DELIVERY_LABELS[d]}</label>`,
            )}
          </fieldset>`,
        )}
        <button ?disabled=${this.form.busy}>Save email choices</button>
        ${this.saved ? html`<p role="status">Your choices are saved.</p>` : nothing}
      </form>
      <p>Emails go only to a confirmed address: see <a href="/account">your account</a>.</p>
    `;
  }

  private async readAll(): Promise<void> {
    await this.form.run(async () => {
      this.unread = (await markAllRead()).unread;
      this.notifications = this.notifications.map((n) => ({ ...n, read: true }));
    });
  }

  private async save(values: { get(name: string): string }): Promise<void> {
    const chosen = this.preferences.map((p) => ({ kind: p.kind, delivery: (values.get(p.kind) || p.delivery) as Delivery }));
    this.preferences = (await savePreferences(chosen)).preferences;
    this.saved = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-notifications-page': AgoraNotificationsPage;
  }
}
