import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnchorInput } from '../../../server/contracts/comments';
import { sharedStyles } from '../../ui/shared-styles';
import { anchorFromSelection, type Block } from './anchor-offsets';

/**
 * A "Comment on this" button that appears beside text the reader selects inside `container`.
 * Place it in the positioned box that holds `container`. Fires `quote-chosen` {anchor}.
 */
@customElement('agora-quote-button')
export class AgoraQuoteButton extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { position: absolute; top: 0; left: 0; width: 0; height: 0; }
      button { position: absolute; white-space: nowrap; z-index: 2; }
    `,
  ];

  @property({ attribute: false }) container?: HTMLElement;
  @property({ attribute: false }) blocks: readonly Block[] = [];

  @state() private choice: { anchor: AnchorInput; top: number; left: number } | null = null;

  private readonly onSelectionChange = (): void => {
    const found = this.container ? anchorFromSelection(this.container, this.blocks) : null;
    if (!found) {
      this.choice = null;
      return;
    }
    const origin = this.getBoundingClientRect();
    const box = found.range.getBoundingClientRect();
    this.choice = { anchor: found.anchor, top: box.bottom - origin.top + 6, left: Math.max(0, box.left - origin.left) };
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelectionChange);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('selectionchange', this.onSelectionChange);
    super.disconnectedCallback();
  }

  private choose(): void {
    if (!this.choice) return;
    this.dispatchEvent(new CustomEvent('quote-chosen', { detail: { anchor: this.choice.anchor }, bubbles: true, composed: true }));
    document.getSelection()?.removeAllRanges();
    this.choice = null;
  }

  protected override updated(): void {
    // Placed through CSSOM: the CSP refuses style attributes.
    const button = this.renderRoot.querySelector('button');
    if (button && this.choice) Object.assign(button.style, { top: `${this.choice.top}px`, left: `${this.choice.left}px` });
  }

  override render() {
    if (!this.choice) return null;
    // Pressing the button must not clear the selection before the click lands.
    return html`<button
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${this.choose}
    >
      Comment on this
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-quote-button': AgoraQuoteButton;
  }
}
