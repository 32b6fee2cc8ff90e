import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import { sharedStyles } from '../../ui/shared-styles';

/** The header's search box, on every page: opens the search page for what was typed. */
@customElement('agora-search-box')
export class AgoraSearchBox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form { display: flex; gap: var(--agora-space-1); margin: 0; }
      input { font: inherit; min-width: 0; width: 12rem; min-height: 2.75rem; padding: var(--agora-space-1) var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
      button { min-height: 2.75rem; background: var(--agora-brand-dark); box-shadow: none; border: 2px solid #fff; }
      @media (max-width: 30rem) { form, input { width: 100%; } input { flex: 1; } }
    `,
  ];

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const q = new FormData(event.target as HTMLFormElement).get('q')?.toString().trim() ?? '';
    navigate(`/search?q=${encodeURIComponent(q)}`);
  }

  override render() {
    const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
    return html`<form role="search" @submit=${this.submit}>
      <label class="visually-hidden" for="site-search">Search consultations and comments</label>
      <input id="site-search" name="q" type="search" .value=${current} autocomplete="off" />
      <button type="submit">Search</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-search-box': AgoraSearchBox;
  }
}
