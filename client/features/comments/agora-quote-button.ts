import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnchorInput } from '../../../server/contracts/comments';
import { sharedStyles } from '../../ui/shared-styles';
import { anchorFromSelection, type Block } from './anchor-offsets';

/** Events after which a selection may have been made or cleared: by mouse, touch or keyboard. */
const SETTLING_EVENTS = ['pointerup', 'mouseup', 'touchend', 'keyup', 'contextmenu'] as const;

export interface QuoteChoice {
  anchor: AnchorInput;
  /** The selection ran over several blocks and was cut to the first. */
  cut: boolean;
}

/**
 * "Comment on this" and "Suggest a change" buttons that appear beside text the reader selects
 * inside `container`. Place it in the positioned box that holds `container`. Fires `quote-chosen`
 * or `suggest-chosen` {anchor, cut}.
 *
 * Chromium does not reliably fire `selectionchange` on the document while a drag selects text in
 * nested shadow roots, so the selection is also read after every pointer, touch and key release.
 * The button only disappears after such a release (never on `selectionchange` alone), so a tap on
 * it still lands when the tap itself clears the selection.
 */
@customElement('agora-quote-button')
export class AgoraQuoteButton extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { position: absolute; top: 0; left: 0; width: 100%; height: 0; }
      .choices { position: absolute; z-index: 2; display: flex; flex-wrap: wrap; gap: var(--agora-space-2); }
      button { white-space: nowrap; min-height: 2.75rem; }
    `,
  ];

  @property({ attribute: false }) container?: HTMLElement;
  @property({ attribute: false }) blocks: readonly Block[] = [];
  /** Also offer "Suggest a change" (fires `suggest-chosen` with the same detail). */
  @property({ type: Boolean }) canComment = true;
  @property({ type: Boolean }) canSuggest = false;

  @state() private choice: (QuoteChoice & { top: number; left: number }) | null = null;
  private pending?: ReturnType<typeof setTimeout>;

  private readonly onSettled = (event: Event): void => {
    if (event.composedPath().includes(this)) return;
    clearTimeout(this.pending);
    // After the browser has finished moving the selection (a double-click extends it on release).
    this.pending = setTimeout(() => this.read(true), 0);
  };

  private readonly onSelectionChange = (): void => this.read(false);

  private read(mayHide: boolean): void {
    const found = this.container ? anchorFromSelection(this.container, this.blocks) : null;
    if (!found) {
      if (mayHide) this.choice = null;
      return;
    }
    const origin = this.getBoundingClientRect();
    const box = found.range.getBoundingClientRect();
    this.choice = { anchor: found.anchor, cut: found.cut, top: box.bottom - origin.top + 8, left: Math.max(0, box.left - origin.left) };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of SETTLING_EVENTS) document.addEventListener(type, this.onSettled, true);
    document.addEventListener('selectionchange', this.onSelectionChange);
  }

  override disconnectedCallback(): void {
    for (const type of SETTLING_EVENTS) document.removeEventListener(type, this.onSettled, true);
    document.removeEventListener('selectionchange', this.onSelectionChange);
    clearTimeout(this.pending);
    super.disconnectedCallback();
  }

  private choose(type: 'quote-chosen' | 'suggest-chosen'): void {
    if (!this.choice) return;
    const { anchor, cut } = this.choice;
    this.dispatchEvent(new CustomEvent<QuoteChoice>(type, { detail: { anchor, cut }, bubbles: true, composed: true }));
    document.getSelection()?.removeAllRanges();
    this.choice = null;
  }

  protected override updated(): void {
    // Placed through CSSOM (the CSP refuses style attributes), kept inside the text column.
    const choices = this.renderRoot.querySelector<HTMLElement>('.choices');
    if (!choices || !this.choice) return;
    const left = Math.max(0, Math.min(this.choice.left, this.offsetWidth - choices.offsetWidth));
    Object.assign(choices.style, { top: `${this.choice.top}px`, left: `${left}px`, maxWidth: `${this.offsetWidth}px` });
  }

  override render() {
    if (!this.choice) return null;
    // Pressing a button must not clear the selection before the click lands.
    const keep = (e: Event) => e.preventDefault();
    return html`<div class="choices">
      ${this.canComment ? html`<button @mousedown=${keep} @click=${() => this.choose('quote-chosen')}>Comment on this</button>` : null}
      ${this.canSuggest ? html`<button class="secondary" @mousedown=${keep} @click=${() => this.choose('suggest-chosen')}>Suggest a change</button>` : null}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-quote-button': AgoraQuoteButton;
  }
}
