import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../ui/agora-error-summary';
import { FormController } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { unsubscribe } from '../notifications/notifications-api';
import { confirmEmail, linkToken } from './account-api';
import { setPageTitle } from '../../ui/page-title';

const PAGES = {
  'verify-email': { title: 'Confirm your email address', button: 'Confirm my email address', done: 'Your email address is confirmed.' },
  unsubscribe: { title: 'Stop these emails', button: 'Unsubscribe', done: 'You will get no more of these emails.' },
} as const;

/**
 * /verify-email?token=… and /unsubscribe?token=…: a link from an email. Opening it changes
 * nothing (mail scanners open links); the person presses the button.
 */
@customElement('agora-email-link-page')
export class AgoraEmailLinkPage extends LitElement {
  static override styles = [sharedStyles, formStyles];
  @property() kind: keyof typeof PAGES = 'verify-email';
  @state() private done = '';
  private readonly form = new FormController(this, 'Email link');

  override render() {
    const page = PAGES[this.kind];
    setPageTitle(page.title);
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>${page.title}</h1>
      ${this.done
        ? html`<p role="status">${this.done}</p>`
        : html`<button ?disabled=${this.form.busy} @click=${this.confirm}>${page.button}</button>`}
      ${this.kind === 'unsubscribe' ? html`<p>To choose what we email you, see <a href="/notifications">your notifications</a>.</p>` : nothing}
    `;
  }

  private async confirm(): Promise<void> {
    await this.form.run(async () => {
      if (this.kind === 'verify-email') {
        await confirmEmail(linkToken());
        this.done = PAGES['verify-email'].done;
      } else {
        this.done = `${PAGES.unsubscribe.done} (${(await unsubscribe(linkToken())).label})`;
      }
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-email-link-page': AgoraEmailLinkPage;
  }
}
