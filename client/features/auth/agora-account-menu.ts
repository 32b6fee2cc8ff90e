import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from './next-path';
import { session, SessionController } from './session-store';
import { errorMessage } from '../../api/api-client';

/** The header's account area: who is signed in and "Sign out", or links to sign in and register. */
@customElement('agora-account-menu')
export class AgoraAccountMenu extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      nav { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; }
      a, a:visited { color: #fff; }
      a:focus-visible { background: var(--agora-focus); color: var(--agora-text); }
      .problem { flex-basis: 100%; background: #fff; color: var(--agora-error); font-weight: 700; padding: var(--agora-space-1) var(--agora-space-2); }
    `,
  ];

  /** The page to come back to after signing in (the app shell passes the current path). */
  @property() returnTo = '/';
  /** The consultation being viewed, if any: editors get a link to its dashboard. */
  @property() consultation = '';
  @state() private problem = '';

  private readonly session = new SessionController(this);

  override render() {
    const user = this.session.user;
    if (user === undefined) return nothing;
    if (user === null) {
      return html`<nav aria-label="Account">
        <a href=${authPageHref('/sign-in', this.returnTo)}>Sign in</a>
        <a href=${authPageHref('/register', this.returnTo)}>Create an account</a>
      </nav>`;
    }
    return html`<nav aria-label="Account">
      <span>Signed in as <a href="/account"><strong>${user.displayName}</strong></a></span>
      ${this.consultation && user.can.manageConsultations ? html`<a href="/c/${this.consultation}/dashboard">Dashboard</a>` : nothing}
      ${user.can.manageConsultations ? html`<a href="/manage">Run consultations</a>` : nothing}
      ${user.can.moderate ? html`<a href="/moderation">Moderation</a>` : nothing}
      ${user.can.manageAccounts ? html`<a href="/admin/users">Manage accounts</a>` : nothing}
      <button class="secondary" @click=${this.signOut}>Sign out</button>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
    </nav>`;
  }

  private async signOut(): Promise<void> {
    try {
      await session.signOut();
      this.problem = '';
      await this.updateComplete;
      // The button is gone; keep keyboard focus in the same place rather than on the page body.
      this.renderRoot.querySelector('a')?.focus();
    } catch (error) {
      this.problem = `You are still signed in. ${errorMessage(error)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-account-menu': AgoraAccountMenu;
  }
}
