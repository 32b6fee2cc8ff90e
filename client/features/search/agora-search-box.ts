import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';

/**
 * The header's way to search, on every page: one link (one Tab stop before the text, so keyboard
 * users still reach the text in a few presses) to the search page, where the form is.
 */
@customElement('agora-search-box')
export class AgoraSearchBox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      a, a:visited { color: #fff; font-weight: 700; display: inline-flex; align-items: center; gap: var(--agora-space-1); min-height: 2.75rem; }
      svg { width: 1.1rem; height: 1.1rem; }
    `,
  ];

  override render() {
    return html`<a href="/search" aria-label="Search consultations and comments"
      ><svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2.5" /><path d="M12.5 12.5 18 18" stroke="currentColor" stroke-width="2.5" /></svg
      >Search</a
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-search-box': AgoraSearchBox;
  }
}
