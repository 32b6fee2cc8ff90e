import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import './agora-markdown-preview';
import { applyFormat, type Format, FORMATS } from './markdown-format';
import { sharedStyles } from './shared-styles';

/** `markdown-input`: the whole text, after every change the person makes. */
export type MarkdownInputEvent = CustomEvent<{ markdown: string }>;

/**
 * A labelled Markdown textarea (GOV.UK hint and error message) with the published-looking
 * preview beside it. Give it `id="markdown"`: the error summary links to the `markdown` field
 * by id, and focusing this element focuses the textarea.
 */
@customElement('agora-markdown-editor')
export class AgoraMarkdownEditor extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [
    sharedStyles,
    css`
      .columns { display: grid; gap: var(--agora-space-4); margin-bottom: var(--agora-space-4); }
      @media (min-width: 60rem) { .columns { grid-template-columns: 1fr 1fr; } }
      /* The textarea grows to the height of the preview beside it. */
      .field { display: flex; flex-direction: column; }
      .field.invalid { border-left: 5px solid var(--agora-error); padding-left: var(--agora-space-3); }
      label { display: block; font-weight: 700; margin-bottom: var(--agora-space-1); }
      .hint { color: var(--agora-text-muted); margin: 0 0 var(--agora-space-2); }
      .message { color: var(--agora-error); font-weight: 700; margin: 0 0 var(--agora-space-2); }
      textarea {
        flex: 1; display: block; width: 100%; min-height: 24rem; padding: var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0;
        font: inherit; font-family: var(--agora-font-mono); font-size: 0.95rem;
      }
      .invalid textarea { border-color: var(--agora-error); }
      .toolbar { display: flex; flex-wrap: wrap; gap: var(--agora-space-1); margin-bottom: var(--agora-space-2); }
      .toolbar button { min-height: 2.75rem; padding: 0 var(--agora-space-2); }
    `,
  ];

  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() value = '';

  override render() {
    return html`<div class="columns">
      <div class="field ${this.error ? 'invalid' : ''}">
        <label for="markdown">${this.label}</label>
        <p class="hint" id="markdown-hint">${this.hint}</p>
        ${this.error ? html`<p class="message" id="markdown-error"><span class="visually-hidden">Error:</span> ${this.error}</p>` : nothing}
        <div class="toolbar" role="toolbar" aria-label="Formatting" aria-controls="markdown">
          ${FORMATS.map((format) => html`<button type="button" class="secondary" @click=${() => this.format(format)}>${format.label}</button>`)}
        </div>
        <textarea
          id="markdown"
          spellcheck="true"
          aria-describedby="markdown-hint ${this.error ? 'markdown-error' : ''}"
          .value=${live(this.value)}
          @input=${this.changed}
        ></textarea>
      </div>
      <agora-markdown-preview .markdown=${this.value}></agora-markdown-preview>
    </div>`;
  }

  private changed(event: Event): void {
    this.setValue((event.target as HTMLTextAreaElement).value);
  }

  private setValue(markdown: string): void {
    this.value = markdown;
    this.dispatchEvent(new CustomEvent('markdown-input', { detail: { markdown: this.value }, bubbles: true, composed: true }));
  }

  /** Formats the selected words (or inserts a placeholder at the caret), then selects them in the text box. */
  private async format(format: Format): Promise<void> {
    const textarea = this.renderRoot.querySelector('textarea')!;
    const result = applyFormat(textarea.value, textarea.selectionStart, textarea.selectionEnd, format);
    this.setValue(result.text);
    await this.updateComplete;
    textarea.focus();
    textarea.setSelectionRange(result.start, result.end);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-markdown-editor': AgoraMarkdownEditor;
  }
  interface HTMLElementEventMap {
    'markdown-input': MarkdownInputEvent;
  }
}
