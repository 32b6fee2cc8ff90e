import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PreviewResponse } from '../../server/contracts/proposals';
import { api, ApiError, errorMessage } from '../api/api-client';
import { proseStyles } from './prose-styles';
import { sharedStyles } from './shared-styles';

const DEBOUNCE_MS = 500;

/**
 * The rendered text as it would be published, from the server's own Markdown module (so the
 * preview is exactly the result). Re-renders shortly after typing stops; one request at a time.
 */
@customElement('agora-markdown-preview')
export class AgoraMarkdownPreview extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      section { border: 2px solid var(--agora-border); padding: 0 var(--agora-space-3) var(--agora-space-3); }
      h2 { font-size: 1.2rem; margin-top: var(--agora-space-3); }
    `,
  ];

  @property() markdown = '';
  @state() private html = '';
  @state() private problem = '';
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight?: AbortController;

  protected override updated(changed: Map<string, unknown>): void {
    if (!changed.has('markdown')) return;
    clearTimeout(this.timer);
    // The first render is immediate; later ones wait until typing pauses.
    this.timer = setTimeout(() => void this.refresh(), changed.get('markdown') === undefined ? 0 : DEBOUNCE_MS);
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    super.disconnectedCallback();
  }

  private async refresh(): Promise<void> {
    this.inFlight?.abort();
    const controller = (this.inFlight = new AbortController());
    try {
      this.html = (await api<PreviewResponse>('/api/markdown/preview', { method: 'POST', body: { markdown: this.markdown }, signal: controller.signal })).html;
      this.problem = '';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.problem =
        error instanceof ApiError && error.status === 429
          ? 'The preview is paused because of too many updates. It will catch up when you next type.'
          : `The preview could not be updated: ${errorMessage(error)}`;
    }
  }

  override render() {
    return html`<section aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      ${this.problem ? html`<p class="error">${this.problem}</p>` : null}
      <div class="prose">${this.html ? unsafeHTML(this.html) : html`<p class="muted">Your text will appear here as it will be published.</p>`}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-markdown-preview': AgoraMarkdownPreview;
  }
}
