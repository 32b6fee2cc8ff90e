import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import type { Block } from './anchor-offsets';
import { plural } from './comment-kinds';

const snippet = (text: string): string => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/**
 * Margin markers beside the blocks of a section: "3 comments on this passage" buttons that filter
 * the comments to that block, and (for those who may comment) a "Comment on this paragraph"
 * button per block, the keyboard path to anchored comments. Place it in a positioned box that
 * also holds `container`; it lines each marker up with its block.
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
      button.add { background: var(--agora-surface); color: var(--agora-text); box-shadow: 0 2px 0 var(--agora-border); opacity: 0; }
      button.add:focus, .marker.hovered button.add { opacity: 1; }
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
  @state() private hovered: string | null = null;
  private readonly resizeObserver = new ResizeObserver(() => this.measure());
  private observed?: HTMLElement;

  private readonly onPointerOver = (event: PointerEvent): void => {
    const block = (event.target as Element | null)?.closest<HTMLElement>('[data-block-id]');
    this.hovered = block?.dataset.blockId ?? null;
  };

  override disconnectedCallback(): void {
    this.resizeObserver.disconnect();
    this.observed?.removeEventListener('pointerover', this.onPointerOver);
    super.disconnectedCallback();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('container') && this.container !== this.observed) {
      this.resizeObserver.disconnect();
      this.observed?.removeEventListener('pointerover', this.onPointerOver);
      this.observed = this.container;
      if (this.container) {
        this.resizeObserver.observe(this.container);
        this.container.addEventListener('pointerover', this.onPointerOver);
      }
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

  private emit(name: 'block-selected' | 'comment-on-block', blockId: string | null): void {
    this.dispatchEvent(new CustomEvent(name, { detail: { blockId }, bubbles: true, composed: true }));
  }

  override render() {
    return this.blocks.map((block) => {
      const top = this.tops.get(block.id);
      const count = this.counts[block.id] ?? 0;
      if (top === undefined || (count === 0 && !this.canComment)) return null;
      const hovered = this.hovered === block.id ? 'hovered' : '';
      const where = `“${snippet(block.text)}”`;
      return html`<div class="marker ${hovered}" data-block=${block.id}>
        ${count > 0
          ? html`<button
              aria-pressed=${this.selected === block.id ? 'true' : 'false'}
              aria-label="${plural(count, 'comment')} on this passage: ${where}"
              @click=${() => this.emit('block-selected', this.selected === block.id ? null : block.id)}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 2h12v9H6l-4 3z" /></svg> ${count}
            </button>`
          : html`<button class="add" aria-label="Comment on this paragraph: ${where}" @click=${() => this.emit('comment-on-block', block.id)}>+</button>`}
      </div>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-block-markers': AgoraBlockMarkers;
  }
}
