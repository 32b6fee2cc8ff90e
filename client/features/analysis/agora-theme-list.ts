import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Theme } from '../../../server/contracts/analysis';
import { errorMessage } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';
import { KIND_NAMES, createTheme, deleteTheme, editTheme, listThemes, mergeTheme, moveResponse } from './analysis-api';

/** Themes with their curation controls: rename, respond, merge, delete, move a response, add an own theme. */
@customElement('agora-theme-list')
export class AgoraThemeList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .theme { border: 1px solid var(--agora-border, #b1b4b6); padding: var(--agora-space-3); margin-bottom: var(--agora-space-4); }
      .row { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: end; margin-top: var(--agora-space-2); }
      .row label { display: flex; flex-direction: column; max-width: 100%; }
      input, select, textarea { max-width: 100%; box-sizing: border-box; }
      textarea { width: 100%; min-height: 4rem; }
      blockquote { margin: var(--agora-space-2) 0; overflow-wrap: anywhere; }
      ul.kinds { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
    `,
  ];

  @property() slug = '';
  @state() private themes?: Theme[];
  @state() private problem = '';
  @state() private status = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      this.themes = await listThemes(this.slug);
      this.problem = '';
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  private field<T extends HTMLElement = HTMLInputElement>(id: string): T {
    return this.renderRoot.querySelector<T>(`#${id}`)!;
  }

  private async act(work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
      await this.reload();
      this.status = done;
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  private renderTheme(t: Theme, others: Theme[]) {
    return html`<article class="theme" aria-labelledby="theme-${t.id}">
      <h3 id="theme-${t.id}">${t.label}</h3>
      <p>${t.size} responses${t.keyPhrases.length ? html` · key phrases: ${t.keyPhrases.join(', ')}` : nothing}${t.origin === 'analyst' ? ' · added by an analyst' : ''}</p>
      <ul class="kinds" aria-label="Responses by kind">${Object.entries(t.kinds).map(([kind, n]) => html`<li>${KIND_NAMES[kind] ?? kind}: ${n}</li>`)}</ul>
      ${t.representatives.map(
        (q) => html`<blockquote><a href=${q.url}>Response ${q.id}</a>: ${q.body}</blockquote>
          ${others.length
            ? html`<div class="row">
                <label>Move response ${q.id} to <select id="move-${t.id}-${q.id}">${others.map((o) => html`<option value=${o.id}>${o.label}</option>`)}</select></label>
                <button class="secondary" @click=${() => this.act(() => moveResponse(this.slug, Number(this.field<HTMLSelectElement>(`move-${t.id}-${q.id}`).value), q.id, t.id), `Response ${q.id} moved.`)}>Move</button>
              </div>`
            : nothing}`,
      )}
      <div class="row">
        <label>Theme name <input id="label-${t.id}" .value=${t.label} maxlength="200" /></label>
        <button class="secondary" @click=${() => this.act(() => editTheme(this.slug, t.id, { label: this.field(`label-${t.id}`).value }), 'Theme renamed.')}>Rename</button>
      </div>
      <div class="row">
        <label style="flex: 1 1 100%">Our response to this theme <textarea id="response-${t.id}" .value=${t.response ?? ''}></textarea></label>
        <button class="secondary" @click=${() => this.act(() => editTheme(this.slug, t.id, { response: this.field<HTMLTextAreaElement>(`response-${t.id}`).value || null }), 'Response saved.')}>Save response</button>
      </div>
      <div class="row">
        ${others.length
          ? html`<label>Merge into <select id="merge-${t.id}">${others.map((o) => html`<option value=${o.id}>${o.label}</option>`)}</select></label>
              <button class="secondary" @click=${() => this.act(() => mergeTheme(this.slug, t.id, Number(this.field<HTMLSelectElement>(`merge-${t.id}`).value)), 'Themes merged.')}>Merge</button>`
          : nothing}
        <button class="warning" @click=${() => this.act(() => deleteTheme(this.slug, t.id), 'Theme deleted.')}>Delete theme “${t.label}”</button>
      </div>
    </article>`;
  }

  override render() {
    if (this.problem) return html`<div role="alert"><p>${this.problem}</p><button @click=${() => { this.problem = ''; void this.reload(); }}>Try again</button></div>`;
    if (!this.themes) return html`<p aria-live="polite">Loading…</p>`;
    return html`<p role="status">${this.status}</p>
      ${this.themes.length === 0 ? html`<p>No themes yet: start an analysis.</p>` : this.themes.map((t) => this.renderTheme(t, this.themes!.filter((o) => o.id !== t.id)))}
      <div class="row">
        <label>New theme of your own <input id="new-theme" maxlength="200" /></label>
        <button class="secondary" @click=${() => this.act(() => createTheme(this.slug, this.field('new-theme').value), 'Theme added.')}>Add theme</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-theme-list': AgoraThemeList;
  }
}
