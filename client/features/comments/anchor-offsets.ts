import type { AnchorInput } from '../../../server/contracts/comments';
import type { SectionDetail } from '../../../server/contracts/consultations';

export type Block = SectionDetail['revision']['blocks'][number];

/** The server's block text collapses whitespace runs to one space and trims (plainText in render.ts). */
const collapse = (text: string): string => text.replace(/\s+/g, ' ');

/**
 * Finds a selected string in a block's server-side `text`: the occurrence nearest `approxStart`
 * (the selection's offset as counted in the DOM), so a phrase repeated in the block anchors to
 * the one the reader selected. Returns offsets that satisfy `text.slice(start, end) === exact`,
 * or null when the selection is not in the text.
 */
export function locateQuote(text: string, selected: string, approxStart: number): Pick<AnchorInput, 'exact' | 'start' | 'end'> | null {
  const exact = collapse(selected).trim();
  if (!exact) return null;
  let best = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    if (best === -1 || Math.abs(at - approxStart) < Math.abs(best - approxStart)) best = at;
  }
  if (best === -1 || text.slice(best, best + exact.length) !== exact) return null;
  return { exact, start: best, end: best + exact.length };
}

/** An anchor on a whole block (the keyboard path: "Comment on this paragraph"). */
export function wholeBlockAnchor(block: Block): AnchorInput {
  return { blockId: block.id, exact: block.text, start: 0, end: block.text.length };
}

/**
 * A keyboard-chosen part of a block (the read-only copy of its text in the comment form, whose
 * value is exactly `block.text`): trimmed of surrounding spaces; nothing chosen means the whole block.
 */
export function anchorWithin(block: Block, start: number, end: number): AnchorInput {
  const chosen = block.text.slice(Math.min(start, end), Math.max(start, end));
  const exact = chosen.trim();
  if (!exact) return wholeBlockAnchor(block);
  const from = Math.min(start, end) + chosen.indexOf(exact);
  return { blockId: block.id, exact, start: from, end: from + exact.length };
}

/** Every shadow root between the document and `node`, outermost first. */
export function shadowRootsAbove(node: Node): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) roots.unshift(root);
  return roots;
}

/**
 * The current selection as a live Range, seen inside the shadow roots above `container`.
 * Chromium reports a selection inside nested shadow roots as collapsed on the host, and
 * getComposedRanges only reaches the text when given every shadow root on the way down.
 */
function selectedRange(container: Node): Range | null {
  const roots = shadowRootsAbove(container);
  const selection = document.getSelection();
  if (selection && typeof selection.getComposedRanges === 'function') {
    const composed = selection.getComposedRanges({ shadowRoots: roots })[0];
    if (!composed || composed.collapsed) return null;
    const range = document.createRange();
    range.setStart(composed.startContainer, composed.startOffset);
    range.setEnd(composed.endContainer, composed.endOffset);
    return range;
  }
  // Older Chromium: a shadow root has its own (non-standard) getSelection.
  const inner = roots.at(-1) as (ShadowRoot & { getSelection?: () => Selection | null }) | undefined;
  const own = inner?.getSelection?.() ?? selection;
  return own && !own.isCollapsed && own.rangeCount > 0 ? own.getRangeAt(0) : null;
}

const blockOf = (node: Node): HTMLElement | null => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-block-id]') ?? null;

export interface SelectedPassage {
  anchor: AnchorInput;
  /** The selection, cut to its first block: where to show the "Comment on this" button. */
  range: Range;
  /** The selection ran on past its first block and was cut there. */
  cut: boolean;
}

/**
 * The anchor for what the reader selected inside `container`, or null. A selection running past
 * its first block is cut at that block's end; the result is verified against the block's text.
 */
export function anchorFromSelection(container: HTMLElement, blocks: readonly Block[]): SelectedPassage | null {
  const range = selectedRange(container);
  if (!range || !container.contains(range.startContainer)) return null;
  const element = blockOf(range.startContainer);
  const block = element && blocks.find((b) => b.id === element.dataset.blockId);
  if (!element || !block) return null;
  let cut = false;
  if (!element.contains(range.endContainer)) {
    const beyond = document.createRange();
    beyond.setStart(element, element.childNodes.length);
    beyond.setEnd(range.endContainer, range.endOffset);
    // A triple-click ends at the start of the next block: that is not selecting into it.
    cut = beyond.toString().trim() !== '';
    range.setEnd(element, element.childNodes.length);
  }
  const before = document.createRange();
  before.setStart(element, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const approxStart = collapse(before.toString()).trimStart().length;
  const located = locateQuote(block.text, range.toString(), approxStart);
  return located ? { anchor: { blockId: block.id, ...located }, range, cut } : null;
}
