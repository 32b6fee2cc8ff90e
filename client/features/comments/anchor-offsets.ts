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

/** The current selection as a live Range, seen through `root` (the shadow root holding the text). */
function selectedRange(root: Node): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  // Without getComposedRanges (older browsers) a selection inside a shadow root is retargeted.
  if (typeof selection.getComposedRanges !== 'function') return selection.getRangeAt(0);
  const composed = selection.getComposedRanges({ shadowRoots: root instanceof ShadowRoot ? [root] : [] })[0];
  if (!composed) return selection.getRangeAt(0);
  const range = document.createRange();
  range.setStart(composed.startContainer, composed.startOffset);
  range.setEnd(composed.endContainer, composed.endOffset);
  return range;
}

const blockOf = (node: Node): HTMLElement | null => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-block-id]') ?? null;

/**
 * The anchor for what the reader selected inside `container`, or null. A selection running past
 * its first block is cut at that block's end; the result is verified against the block's text.
 */
export function anchorFromSelection(container: HTMLElement, blocks: readonly Block[]): { anchor: AnchorInput; range: Range } | null {
  const range = selectedRange(container.getRootNode());
  if (!range || !container.contains(range.startContainer)) return null;
  const element = blockOf(range.startContainer);
  const block = element && blocks.find((b) => b.id === element.dataset.blockId);
  if (!element || !block) return null;
  if (!element.contains(range.endContainer)) range.setEnd(element, element.childNodes.length);
  const before = document.createRange();
  before.setStart(element, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const approxStart = collapse(before.toString()).trimStart().length;
  const located = locateQuote(block.text, range.toString(), approxStart);
  return located ? { anchor: { blockId: block.id, ...located }, range } : null;
}
