import type { AnchorInput, CommentView } from '../../../server/contracts/comments';
import './agora-comment-form';
import type { AgoraCommentForm } from './agora-comment-form';
import { type Block, locateQuote, wholeBlockAnchor } from './anchor-offsets';
import { draftKey } from './comment-drafts';

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Puts `element` after block `blockId` of `article`: inside a list item, else after the paragraph,
 * heading or table, so the markup stays valid. At the end when the block is gone.
 */
export function placeAfterBlock(article: HTMLElement, blockId: string, element: HTMLElement): void {
  let after: Element | null = article.querySelector(`[data-block-id="${CSS.escape(blockId)}"]`);
  while (after && after.parentElement !== article && after.tagName !== 'LI') after = after.parentElement;
  if (!after) article.append(element);
  else if (after.tagName === 'LI') {
    if (after.lastElementChild !== element) after.append(element);
  } else if (after.nextElementSibling !== element) after.after(element);
}

export interface ComposerOptions {
  consultation: string;
  section: string;
  block: Block;
  anchor: AnchorInput;
  /** The reader's selection ran past the block and was cut to it. */
  cut: boolean;
  /** The control the form was opened from, which gets focus back on Escape or Cancel. */
  returnFocus: HTMLElement | null;
  /** Offer "Suggest a change … instead" in the form. */
  canSuggest: boolean;
}

/**
 * The form for a comment on a passage, opened in the text right after that passage. It is one
 * element kept across re-renders: when the section's HTML is replaced (a new version), `place`
 * puts the same element — with everything typed in it — back after its block. Escape or Cancel
 * closes it and returns focus where the reader came from.
 */
export class PassageComposer {
  private form?: AgoraCommentForm;
  /** Open: the form belongs in the text (a re-render may have taken it out for a moment). */
  private isOpen = false;
  private returnFocus: HTMLElement | null = null;
  /** Inside the form, the field that had focus before a re-render took the form out. */
  private focusedField: Element | null = null;

  constructor(
    private readonly onSaved: (comment: CommentView) => void,
    /** Called with the block when the form closes without posting, if the focus it came from is gone. */
    private readonly onCancelled: (blockId: string) => void,
  ) {}

  get blockId(): string | null {
    return this.isOpen ? (this.form?.anchor?.blockId ?? null) : null;
  }

  /** Opens (or moves) the form onto a passage inside `article`, scrolls to it and focuses it. */
  async open(article: HTMLElement, options: ComposerOptions): Promise<void> {
    this.returnFocus = options.returnFocus;
    const form = (this.form ??= this.create());
    Object.assign(form, {
      consultation: options.consultation,
      section: options.section,
      block: options.block,
      anchor: options.anchor,
      cut: options.cut,
      canSuggest: options.canSuggest,
      draftKey: draftKey(options.consultation, options.section, `block-${options.block.id}`),
    });
    this.isOpen = true;
    this.place(article, [options.block]);
    await form.updateComplete;
    form.scrollIntoView({ block: 'center' });
    form.focus();
  }

  /** Remembers the focused field before a re-render may take the form out of the text. */
  beforeRender(): void {
    this.focusedField = this.form?.isConnected ? (this.form.shadowRoot?.activeElement ?? null) : null;
  }

  /**
   * Puts the form after its block in `article` (inside a list item; after a paragraph, heading or
   * table, so the markup stays valid), following the block into the current version's text.
   */
  place(article: HTMLElement, blocks: readonly Block[]): void {
    const form = this.form;
    const anchor = form?.anchor;
    if (!this.isOpen || !form || !anchor) return;
    // Block ids come from their text: a reworded block has a new id, so look for the words too.
    const block = blocks.find((b) => b.id === anchor.blockId) ?? blocks.find((b) => b.text.includes(anchor.exact));
    if (block && block.text !== form.block?.text) {
      form.block = block;
      if (block.text.slice(anchor.start, anchor.end) !== anchor.exact) {
        const located = locateQuote(block.text, anchor.exact, anchor.start);
        form.anchor = located ? { blockId: block.id, ...located } : wholeBlockAnchor(block);
      } else if (block.id !== anchor.blockId) form.anchor = { ...anchor, blockId: block.id };
    }
    placeAfterBlock(article, form.anchor!.blockId, form);
    if (this.focusedField instanceof HTMLElement && this.focusedField !== form.shadowRoot?.activeElement) this.focusedField.focus({ preventScroll: true });
    this.focusedField = null;
  }

  private create(): AgoraCommentForm {
    const form = document.createElement('agora-comment-form');
    form.mode = 'comment';
    form.addEventListener('comment-saved', (event) => {
      event.stopPropagation();
      this.close();
      this.onSaved((event as CustomEvent<{ comment: CommentView }>).detail.comment);
    });
    form.addEventListener('form-cancelled', () => {
      const blockId = this.blockId;
      this.close();
      if (this.returnFocus?.isConnected) this.returnFocus.focus();
      else if (blockId) this.onCancelled(blockId);
    });
    return form;
  }

  close(): void {
    this.isOpen = false;
    this.form?.remove();
  }
}
