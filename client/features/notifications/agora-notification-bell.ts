import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { userChannel } from '../../../server/contracts/live';
import { live } from '../../live/live-client';
import { sharedStyles } from '../../ui/shared-styles';
import { session, SessionController } from '../auth/session-store';
import { getNotifications } from './notifications-api';

/** The header's bell: a link to the notifications page with the unread count, kept live. */
@customElement('agora-notification-bell')
export class AgoraNotificationBell extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      a, a:visited { color: #fff; text-decoration: underline; }
      a:focus-visible { background: var(--agora-focus); color: var(--agora-text); }
      .count { display: inline-block; min-width: 1.5em; padding: 0 0.35em; margin-left: 0.25em; border-radius: 1em; background: #fff; color: var(--agora-brand-dark); font-weight: 700; text-align: center; }
    `,
  ];

  @state() private unread = 0;
  private readonly session = new SessionController(this);
  private stop?: () => void;
  private userId?: number;

  override updated(): void {
    const user = this.session.user;
    if (user?.id === this.userId) return;
    this.stop?.();
    this.stop = undefined;
    this.userId = user?.id;
    if (!user) return;
    void getNotifications().then((list) => (this.unread = list.unread), () => undefined);
    this.stop = live.subscribe(userChannel(user.id), undefined, {
      onEvent: (...event) => {
        if (event[0] === 'notification.created' || event[0] === 'notification.read') this.unread = event[1].unread;
      },
      onReset: () => void getNotifications().then((list) => (this.unread = list.unread)),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
    this.userId = undefined;
  }

  override render() {
    if (!session.user) return nothing;
    // The name ("Notifications 2 unread") starts with the visible words, as speech input expects.
    return html`<a href="/notifications">Notifications <span class="count">${this.unread}</span><span class="visually-hidden"> unread</span></a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-notification-bell': AgoraNotificationBell;
  }
}
