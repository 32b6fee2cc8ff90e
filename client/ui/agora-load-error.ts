import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError } from '../api/api-client';
import { sharedStyles } from './shared-styles';
import { setPageTitle } from './page-title';

/** What a page shows when its data could not be loaded: a not-found page or a retry. */
@customElement('agora-load-error')
export class AgoraLoadError extends LitElement {
  static override styles = [sharedStyles];
  @property({ attribute: false }) error: unknown;
  @property() what = 'page';

  override render() {
    if (this.error instanceof ApiError && this.error.status === 404) {
      setPageTitle('Page not found');
      return html`<h1>Page not found</h1><p>This ${this.what} does not exist or has moved.</p><p><a href="/">See all consultations</a></p>`;
    }
    const message = this.error instanceof Error ? this.error.message : String(this.error);
    return html`<div role="alert">
      <h1>Sorry, there is a problem</h1>
      <p>${message}</p>
      <button @click=${() => this.dispatchEvent(new CustomEvent('retry', { bubbles: true, composed: true }))}>Try again</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-load-error': AgoraLoadError;
  }
}
