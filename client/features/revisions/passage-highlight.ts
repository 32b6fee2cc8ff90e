const SPACE = /\s/;

/**
 * Wraps the passage `start`..`end` of a block element in <mark> elements and returns the first.
 * Offsets count as in the server's block text (render.ts `plainText`): whitespace runs are one
 * space and leading whitespace does not count. A passage crossing inline elements (bold, links)
 * gets one mark per text node, so the markup stays valid.
 */
export function highlightPassage(block: HTMLElement, start: number, end: number): HTMLElement | null {
  const pieces: { node: Text; from: number; to: number }[] = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let offset = 0;
  let afterSpace = true;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data;
    let from = -1;
    let to = -1;
    for (let i = 0; i < text.length; i++) {
      const space = SPACE.test(text[i]!);
      if (space && afterSpace) continue;
      if (offset >= start && offset < end) {
        if (from < 0) from = i;
        to = i + 1;
      }
      offset += 1;
      afterSpace = space;
    }
    if (from >= 0) pieces.push({ node: node as Text, from, to });
  }
  // Collected first: wrapping splits text nodes, which would upset the walk.
  const marks = pieces.map(({ node, from, to }) => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const mark = document.createElement('mark');
    range.surroundContents(mark);
    return mark;
  });
  return marks[0] ?? null;
}
