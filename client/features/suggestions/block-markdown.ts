import { fromDom } from 'hast-util-from-dom';
import { toMdast } from 'hast-util-to-mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';

// A block edited in place (contenteditable on its rendered HTML) back to Markdown, the stored
// format, with the unified tools the server renders with: DOM → hast → mdast → Markdown.

/** The Markdown of the edited content of one block (a paragraph's, heading's or list item's inside). */
export function markdownOf(element: HTMLElement): string {
  // Without the comment nodes a template engine leaves behind, which would become raw HTML.
  const copy = element.cloneNode(true) as HTMLElement;
  const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const found: Node[] = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const comment of found) comment.parentNode?.removeChild(comment);
  const tree = toMdast(fromDom(copy) as Parameters<typeof toMdast>[0]);
  const markdown = toMarkdown(tree, { extensions: [gfmToMarkdown()], emphasis: '*', strong: '*', bullet: '-' });
  // Typing a space at the end of a line leaves a no-break space in contenteditable.
  return markdown.replace(/\u00a0/g, ' ').trim();
}

/** The content a reader edits of a block's HTML: what is inside its paragraph or heading, else all of it. */
export function editableHtml(blockHtml: string): string {
  const template = document.createElement('template');
  template.innerHTML = blockHtml;
  const only = template.content.children.length === 1 ? template.content.firstElementChild : null;
  return only && /^(P|H[1-6])$/.test(only.tagName) ? only.innerHTML : template.innerHTML;
}

/** Kinds of block whose Markdown plain-text editing cannot keep (a table's cells, a code block's exact characters). */
const NOT_PLAIN_TEXT: Record<string, string> = { TABLE: 'a table', PRE: 'a code block' };

/**
 * Why a block cannot be edited in place as plain text, or null when it can: its editable HTML
 * must turn back into exactly its Markdown source, or editing one word would rewrite the rest.
 */
export function notEditableInPlace(blockHtml: string, source: string): string | null {
  const template = document.createElement('template');
  template.innerHTML = blockHtml;
  const kind = [...template.content.querySelectorAll('*')].map((element) => NOT_PLAIN_TEXT[element.tagName]).find(Boolean);
  if (kind) return kind;
  const editable = document.createElement('div');
  editable.innerHTML = editableHtml(blockHtml);
  return markdownOf(editable) === source.trim() ? null : 'written in a way that plain-text editing would change';
}

/** The smallest change turning `before` into `after`: the range of `before` replaced and its replacement. */
export function sourceChange(before: string, after: string): { start: number; end: number; replacement: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  return { start, end: before.length - tail, replacement: after.slice(start, after.length - tail) };
}
