import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../features/consultations/agora-consultation-list';
import '../features/consultations/agora-consultation-overview';
import '../features/consultations/agora-section-view';
import '../features/auth/agora-account-menu';
import '../features/notifications/agora-notification-bell';
import '../live/agora-live-status';
import '../features/search/agora-search-box';
import { sharedStyles } from '../ui/shared-styles';
import { removeFirstPaint } from './first-paint';
import { loadPage } from './page-loaders';
import { interceptLinks, matchRoute, type Route } from './router';
import { setPageTitle } from '../ui/page-title';

const SKIP_TARGET = 'main-content';

/** The app shell: header, the current page, footer. Owns routing and focus on navigation. */
@customElement('agora-app')
export class AgoraApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { min-height: 100vh; display: flex; flex-direction: column; }
      .skip { position: absolute; left: -9999px; }
      .skip:focus { left: var(--agora-space-3); top: var(--agora-space-2); background: var(--agora-focus); color: var(--agora-text); padding: var(--agora-space-2); z-index: 10; }
      header { background: var(--agora-brand); color: #fff; border-bottom: 6px solid var(--agora-brand-dark); }
      .bar { max-width: var(--agora-page-width); margin: 0 auto; padding: var(--agora-space-3); display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; justify-content: space-between; }
      .brand { color: #fff; font-weight: 700; font-size: 1.4rem; text-decoration: none; }
      .brand:visited { color: #fff; }
      main { flex: 1; width: 100%; max-width: var(--agora-page-width); margin: 0 auto; padding: var(--agora-space-4) var(--agora-space-3) var(--agora-space-5); }
      main:focus { outline: none; }
      footer { border-top: 1px solid var(--agora-border); background: var(--agora-surface); }
      footer .bar { font-size: 0.95rem; }
    `,
  ];

  @state() private route: Route = matchRoute(location.pathname);
  private stopRouting?: () => void;
  private firstRender = true;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureSkipTarget();
    this.stopRouting = interceptLinks(() => {
      this.route = matchRoute(location.pathname);
    });
  }

  override disconnectedCallback(): void {
    this.stopRouting?.();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('route')) loadPage(this.route);
  }

  protected override firstUpdated(): void {
    removeFirstPaint();
  }

  protected override updated(changed: Map<string, unknown>): void {
    // After a client-side navigation, move focus to the page so screen readers announce it.
    if (changed.has('route') && !this.firstRender && !location.hash) {
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      window.scrollTo(0, 0);
    }
    this.firstRender = false;
  }

  private renderPage() {
    const route = this.route;
    switch (route.name) {
      case 'consultations':
        return html`<agora-consultation-list></agora-consultation-list>`;
      case 'consultation':
        return html`<agora-consultation-overview .slug=${route.consultation}></agora-consultation-overview>`;
      case 'section':
        return html`<agora-section-view .consultation=${route.consultation} .section=${route.section}></agora-section-view>`;
      case 'sign-in':
        return html`<agora-sign-in-page></agora-sign-in-page>`;
      case 'register':
        return html`<agora-register-page></agora-register-page>`;
      case 'admin-users':
        return html`<agora-admin-users-page></agora-admin-users-page>`;
      case 'moderation':
        return html`<agora-moderation-queue></agora-moderation-queue>`;
      case 'moderation-log':
        return html`<agora-moderation-log></agora-moderation-log>`;
      case 'analysis':
        return html`<agora-analysis-page .slug=${route.consultation}></agora-analysis-page>`;
      case 'search':
        return html`<agora-search-page .search=${location.search}></agora-search-page>`;
      case 'history':
        return html`<agora-section-history .consultation=${route.consultation} .section=${route.section}></agora-section-history>`;
      case 'revision':
        return html`<agora-revision-view .consultation=${route.consultation} .section=${route.section} .number=${route.number}></agora-revision-view>`;
      case 'edit-section':
        return html`<agora-section-editor .consultation=${route.consultation} .section=${route.section}></agora-section-editor>`;
      case 'propose':
        return html`<agora-proposal-editor .consultation=${route.consultation} .section=${route.section}></agora-proposal-editor>`;
      case 'revise-proposal':
        return html`<agora-proposal-editor .proposalId=${route.id}></agora-proposal-editor>`;
      case 'proposals':
        return html`<agora-proposal-list .consultation=${route.consultation} .section=${route.section}></agora-proposal-list>`;
      case 'proposal':
        return html`<agora-proposal-page .proposalId=${route.id}></agora-proposal-page>`;
      case 'manage-consultations':
        return html`<agora-manage-consultations></agora-manage-consultations>`;
      case 'new-consultation':
        return html`<agora-consultation-create></agora-consultation-create>`;
      case 'manage-consultation':
        return html`<agora-consultation-manage .slug=${route.consultation}></agora-consultation-manage>`;
      case 'add-section':
        return html`<agora-section-add .consultation=${route.consultation}></agora-section-add>`;
      case 'edit-outcome':
        return html`<agora-outcome-editor .consultation=${route.consultation}></agora-outcome-editor>`;
      case 'change-log':
        return html`<agora-change-log .slug=${route.consultation}></agora-change-log>`;
      case 'outcome':
        return html`<agora-outcome-page .slug=${route.consultation}></agora-outcome-page>`;
      case 'forgot-password':
        return html`<agora-forgot-password-page></agora-forgot-password-page>`;
      case 'reset-password':
        return html`<agora-reset-password-page></agora-reset-password-page>`;
      case 'verify-email':
      case 'unsubscribe':
        return html`<agora-email-link-page .kind=${route.name}></agora-email-link-page>`;
      case 'account':
        return html`<agora-account-page></agora-account-page>`;
      case 'notifications':
        return html`<agora-notifications-page></agora-notifications-page>`;
      case 'privacy':
        return html`<agora-privacy-page></agora-privacy-page>`;
      case 'questions':
        return html`<agora-questions-page .consultation=${route.consultation}></agora-questions-page>`;
      case 'dashboard':
        return html`<agora-dashboard-page .consultation=${route.consultation}></agora-dashboard-page>`;
      case 'not-found':
        setPageTitle('Page not found');
        return html`<h1>Page not found</h1>
          <p>There is no page at <code>${route.path}</code>. It may have moved.</p>
          <p><a href="/">See all consultations</a></p>`;
    }
  }

  override render() {
    return html`
      <header>
        <a class="skip" href="#${SKIP_TARGET}" @click=${this.skipToMain}>Skip to main content</a>
        <div class="bar">
          <a class="brand" href="/">Agora</a>
          <span>Public consultations</span>
          <agora-search-box></agora-search-box>
          <agora-live-status></agora-live-status>
          <agora-notification-bell></agora-notification-bell>
          <agora-account-menu .returnTo=${location.pathname + location.search} .consultation=${'consultation' in this.route ? this.route.consultation : ''}></agora-account-menu>
        </div>
      </header>
      <main id="main" tabindex="-1"><slot name="skip-target"></slot>${this.renderPage()}</main>
      <footer>
        <div class="bar">
          <span>Agora — have your say on draft public policy.</span>
          <a href="/moderation/log">Moderation log</a>
          <a href="/privacy">Privacy</a>
          <a href="/api/docs">API documentation</a>
        </div>
      </footer>
    `;
  }

  /**
   * The skip link's target must be findable from the document (assistive tools and axe look it up
   * with getElementById, which does not see into shadow roots), so it is a light-DOM child slotted
   * at the start of <main>.
   */
  private ensureSkipTarget(): void {
    if (this.querySelector(`#${SKIP_TARGET}`)) return;
    const target = document.createElement('span');
    target.id = SKIP_TARGET;
    target.slot = 'skip-target';
    this.append(target);
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-app': AgoraApp;
  }
}
