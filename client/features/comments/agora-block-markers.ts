import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import type { Block } from './anchor-offsets';
import { plural } from './comment-kinds';

const snippet = (text: string): string => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/**
 * Margin markers beside the blocks of a section: "3 comments on this passage" buttons that filter
 * the comments to that block, and (for those who may comment) a visible "Comment on this
 * paragraph" button per block — the way in on phones (no hover) and from the keyboard. Place it
 * in a positioned box that also holds `container`; it lines each marker up with its block.
 * The buttons are one toolbar with a roving tabindex: one Tab stop, arrow keys move between blocks.
 * Fires `block-selected` {blockId | null} and `comment-on-block` {blockId}.
 */
@customElement('agora-block-markers')
export class AgoraBlockMarkers extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { position: absolute; top: 0; right: 0; bottom: 0; width: 4rem; }
      .marker { position: absolute; right: 0; }
      button { padding: 0 var(--agora-space-2); min-width: 2.75rem; min-height: 2.25rem; font-weight: 700; white-space: nowrap; }
      button.add { background: var(--agora-surface); color: var(--agora-text); border-color: var(--agora-text-muted); box-shadow: none; font-size: 1.25rem; line-height: 1; }
      button[aria-pressed='true'] { background: var(--agora-text); }
      svg { width: 1rem; height: 1rem; vertical-align: -0.15em; fill: currentColor; }
    `,
  ];

  /** The element holding the section's blocks (each marked with `data-block-id`). */
  @property({ attribute: false }) container?: HTMLElement;
  @property({ attribute: false }) blocks: readonly Block[] = [];
  /** Top-level comments per block id. */
  @property({ attribute: false }) counts: Record<string, number> = {};
  @property({ attribute: false }) selected: string | null = null;
  @property({ type: Boolean }) canComment = false;

  @state() private tops = new Map<string, number>();
  /** The block whose button holds the toolbar's one Tab stop. */
  @state() private active: string | null = null;
  private readonly resizeObserver = new ResizeObserver(() => this.measure());
  private observed?: HTMLElement;

  override disconnectedCallback(): void {
    this.resizeObserver.disconnect();
    super.disconnectedCallback();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('container') && this.container !== this.observed) {
      this.resizeObserver.disconnect();
      this.observed = this.container;
      if (this.container) this.resizeObserver.observe(this.container);
    }
    // After this frame's layout (measuring inside an update would schedule another one).
    if (changed.has('container') || changed.has('blocks')) requestAnimationFrame(() => this.measure());
    // Positions go through CSSOM: the CSP refuses style attributes (and Lit's styleMap starts with one).
    for (const marker of this.renderRoot.querySelectorAll<HTMLElement>('.marker')) marker.style.top = `${this.tops.get(marker.dataset.block!) ?? 0}px`;
  }

  /** Where each block starts, relative to this element (which spans the container's height). */
  private measure(): void {
    if (!this.container) return;
    const origin = this.getBoundingClientRect().top;
    const tops = new Map<string, number>();
    for (const element of this.container.querySelectorAll<HTMLElement>('[data-block-id]')) {
      tops.set(element.dataset.blockId!, element.getBoundingClientRect().top - origin);
    }
    this.tops = tops;
  }

  /** Moves focus to the first button of a block's marker (or the first marker); false when there is none. */
  focusBlock(blockId?: string): boolean {
    const buttons = this.buttons();
    const button = buttons.find((b) => b.closest<HTMLElement>('.marker')!.dataset.block === blockId) ?? buttons[0];
    if (!button) return false;
    this.active = button.closest<HTMLElement>('.marker')!.dataset.block!;
    button.focus();
    return true;
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.marker button')];
  }

  /** The last button used keeps the Tab stop. */
  private onFocusIn(event: FocusEvent): void {
    const block = (event.target as Element).closest<HTMLElement>('.marker')?.dataset.block;
    if (block) this.active = block;
  }

  /** Arrow keys, Home and End move along the toolbar (the roving tabindex pattern). */
  private onKeyDown(event: KeyboardEvent): void {
    const buttons = this.buttons();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity }[event.key];
    if (at < 0 || step === undefined) return;
    event.preventDefault();
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + step))]!;
    this.active = next.closest<HTMLElement>('.marker')!.dataset.block!;
    next.focus();
  }

  private emit(name: 'block-selected' | 'comment-on-block', blockId: string | null): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { blockId }, bubbles: true, composed: true }));
  }

  override render() {
    const shown = this.blocks.filter((block) => this.tops.has(block.id) && ((this.counts[block.id] ?? 0) > 0 || this.canComment));
    const active = shown.some((b) => b.id === this.active) ? this.active : shown[0]?.id;
    const tabIndex = (block: Block, first: boolean) => (block.id === active && first ? 0 : -1);
    return html`<div role="toolbar" aria-label="Comments beside the text" aria-orientation="vertical" @keydown=${this.onKeyDown} @focusin=${this.onFocusIn}>
      ${shown.map((block) => {
        const count = this.counts[block.id] ?? 0;
        const where = `“${snippet(block.text)}”`;
        return html`<div class="marker" data-block=${block.id}>
          ${count > 0
            ? html`<button
                tabindex=${tabIndex(block, true)}
                aria-pressed=${this.selected === block.id ? 'true' : 'false'}
                aria-label="${plural(count, 'comment')} on this passage: ${where}"
                @click=${() => this.emit('block-selected', this.selected === block.id ? null : block.id)}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 2h12v9H6l-4 3z" /></svg> ${count}
              </button>`
            : html`<button class="add" tabindex=${tabIndex(block, true)} aria-label="Comment on this paragraph: ${where}" @click=${() => this.emit('comment-on-block', block.id)}>
                +
              </button>`}
        </div>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-block-markers': AgoraBlockMarkers;
  }
}
