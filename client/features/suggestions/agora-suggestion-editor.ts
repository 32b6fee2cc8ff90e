import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import '../../ui/agora-error-summary';
import { announceErrors, clearErrorTitle, type FormError, formErrorsFrom } from '../../ui/form-errors';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import type { Block } from '../comments/anchor-offsets';
import { commentFormStyles } from '../comments/comment-form-styles';
import { editableHtml, markdownOf, sourceChange } from './block-markdown';
import { suggest } from './suggestions-api';

/** Where a suggestion starts: the block (and its index and Markdown source) in revision `baseRevision`. */
export interface SuggestionTarget {
  block: Block;
  index: number;
  source: string;
  baseRevision: number;
}

/**
 * "Suggest a change": the block's text, editable in place with its formatting (bold, links) and
 * no Markdown syntax in sight, and a reason. It sends the smallest change to the block's Markdown
 * source. "Send suggestion" sends it (with the basket); "Add to basket" keeps it to send later with
 * others. Fires `suggestion-sent` {proposalId} or `suggestion-kept`, and `form-cancelled`.
 */
@customElement('agora-suggestion-editor')
export class AgoraSuggestionEditor extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    commentFormStyles,
    css`
      :host { display: block; }
      h2 { font-size: 1.2rem; margin-top: 0; }
      .editable { border: 2px solid var(--agora-text); padding: var(--agora-space-2); margin-bottom: var(--agora-space-3); background: var(--agora-background); overflow-wrap: anywhere; }
      .editable:focus { outline: 3px solid var(--agora-focus); outline-offset: 0; }
      .invalid .editable { border-color: var(--agora-error); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  @property({ attribute: false }) target?: SuggestionTarget;

  @state() private reason = '';
  @state() private errors: FormError[] = [];
  @state() private submitting = false;
  @query('#replacement') private editable?: HTMLElement;

  override focus(): void {
    this.editable?.focus();
  }

  private fieldError(field: string) {
    return this.errors.find((error) => error.field === field || (field === 'replacement' && ['start', 'end', 'block'].includes(error.field ?? '')));
  }

  private async send(keep: boolean): Promise<void> {
    const target = this.target;
    if (!target || !this.editable || this.submitting) return;
    const change = sourceChange(target.source, markdownOf(this.editable));
    this.submitting = true;
    try {
      const sent = await suggest(this.consultation, this.section, { baseRevision: target.baseRevision, block: target.index, ...change, reason: this.reason, send: !keep });
      this.errors = [];
      clearErrorTitle(this);
      this.dispatchEvent(new CustomEvent(keep ? 'suggestion-kept' : 'suggestion-sent', { detail: { proposalId: sent.proposalId }, bubbles: true, composed: true }));
    } catch (error) {
      this.errors = formErrorsFrom(error).map((item) => (['start', 'end', 'block'].includes(item.field ?? '') ? { ...item, field: 'replacement' } : item));
      await announceErrors(this);
    } finally {
      this.submitting = false;
    }
  }

  private cancel(): void {
    this.errors = [];
    clearErrorTitle(this);
    this.dispatchEvent(new CustomEvent('form-cancelled', { bubbles: true, composed: true }));
  }

  override render() {
    const target = this.target;
    if (!target) return nothing;
    const textError = this.fieldError('replacement');
    const reasonError = this.fieldError('reason');
    return html`<form @submit=${(e: Event) => (e.preventDefault(), this.send(false))} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancel()}>
      <h2 id="editor-title">Suggest a change</h2>
      <agora-error-summary .errors=${this.errors}></agora-error-summary>
      <div class="field ${textError ? 'invalid' : ''}">
        <label id="replacement-label" for="replacement">Your wording</label>
        <span class="hint" id="replacement-hint">Change the words here. Bold, links and lists stay as they are.</span>
        ${textError ? html`<p class="field-error" id="replacement-error"><span class="visually-hidden">Error:</span> ${textError.message}</p>` : nothing}
        <div
          id="replacement"
          class="editable prose"
          contenteditable="true"
          role="textbox"
          aria-multiline="true"
          aria-labelledby="replacement-label"
          aria-describedby="replacement-hint ${textError ? 'replacement-error' : ''}"
        >${unsafeHTML(editableHtml(target.block.html))}</div>
      </div>
      <div class="field ${reasonError ? 'invalid' : ''}">
        <label for="reason">Why this change?</label>
        ${reasonError ? html`<p class="field-error" id="reason-error"><span class="visually-hidden">Error:</span> ${reasonError.message}</p>` : nothing}
        <textarea id="reason" rows="2" maxlength="1000" aria-describedby=${reasonError ? 'reason-error' : nothing} .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.submitting}>Send suggestion</button>
        <button type="button" class="secondary" ?disabled=${this.submitting} @click=${() => this.send(true)}>Add to basket</button>
        <button type="button" class="secondary" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-suggestion-editor': AgoraSuggestionEditor;
  }
}
