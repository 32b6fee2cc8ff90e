import { createHash } from 'node:crypto';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import { LruCache } from '../platform/lru-cache';
import { refuseCostlyMarkdown } from './limits';
import { keepStrayTaskChecks } from './stray-task-checks';

/** A piece of a section a comment can point at. `text` is what anchor offsets count in. */
export interface Block {
  id: string;
  type: BlockType;
  html: string;
  text: string;
}
export type BlockType = 'heading' | 'paragraph' | 'list-item' | 'quote' | 'table' | 'code';

export interface RenderedDocument {
  html: string;
  blocks: Block[];
}

// GitHub's sanitising schema (raw HTML is dropped before it) plus our block marker attribute.
const schema: Schema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'dataBlockId'] },
};

const processor = remark().use(remarkGfm).use(keepStrayTaskChecks).use(remarkHtml, { sanitize: schema });

function parse(markdown: string): Root {
  // Callers check with their own field name first; this keeps any path from parsing hostile shapes.
  refuseCostlyMarkdown(markdown, 'markdown');
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  dropRawHtml(tree);
  return tree;
}

/** Raw HTML never reaches the page; removing it here also keeps it out of block text. */
function dropRawHtml(node: Parent): void {
  node.children = node.children.filter((child) => child.type !== 'html') as typeof node.children;
  for (const child of node.children) if ('children' in child) dropRawHtml(child);
}

const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'footnoteDefinition']);

/**
 * The text a reader sees in a block, whitespace collapsed: the same string the browser's
 * `textContent` gives after collapsing, so anchor offsets agree on both sides.
 */
export function plainText(node: Nodes): string {
  return collectText(node).replace(/\s+/g, ' ').trim();
}

function collectText(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if (node.type === 'image' || node.type === 'imageReference') return '';
  if ('value' in node) return node.value;
  if (!('children' in node)) return '';
  const separator = BLOCK_CONTAINERS.has(node.type) ? ' ' : '';
  return (node.children as Nodes[]).map(collectText).join(separator);
}

function toHtml(nodes: RootContent[]): string {
  return String(processor.stringify({ type: 'root', children: nodes })).trim();
}

/**
 * Text in which Markdown can find no syntax: ASCII letters, digits, spaces and , . ; : ? ! ' " ( ) -
 * only, starting with a letter (no list, heading or indented code) and not ending in a space.
 * Nothing to escape either (no & < >). "www." would be a GFM autolink, so it is left out.
 */
const PLAIN_TEXT = /^[A-Za-z][A-Za-z0-9 ,.;:?!'"()-]*(?<! )$/;
const AUTOLINK = /www\./i;

/** Markdown → safe HTML, for short texts such as comment bodies. */
export function renderMarkdown(markdown: string): string {
  // Most comments are plain text, which renders as one paragraph of itself; the full pipeline
  // cost ~0.4 ms of a comment write's ~2 ms here. tests/server/markdown-plain-text.test.ts checks
  // the shortcut against the pipeline.
  if (PLAIN_TEXT.test(markdown) && !AUTOLINK.test(markdown)) return `<p>${markdown}</p>`;
  return toHtml(parse(markdown).children);
}

/**
 * Large documents rendered lately, by their text: a text rendered off the event loop (see
 * render-off-thread.ts) before its transaction is not rendered again inside it.
 */
const largeDocuments = new LruCache<string, RenderedDocument>(8);
export const LARGE_DOCUMENT = 16_000;

/** The rendering of a large `markdown` made lately, if it is still kept. */
export function renderedLately(markdown: string): RenderedDocument | undefined {
  return markdown.length >= LARGE_DOCUMENT ? largeDocuments.get(markdown) : undefined;
}

/** Remembers a rendering of `markdown` made elsewhere (a worker thread) for `renderDocument`. */
export function rememberRendered(markdown: string, rendered: RenderedDocument): void {
  if (markdown.length >= LARGE_DOCUMENT) largeDocuments.set(markdown, rendered);
}

type BlockNode = Nodes & RootContent;

/** The addressable blocks of a tree in reading order: each node, its type and the nodes its HTML shows. */
function* blockNodes(tree: Root): Generator<[BlockNode, BlockType, RootContent[]]> {
  for (const node of tree.children) {
    switch (node.type) {
      case 'heading':
      case 'paragraph':
      case 'table':
      case 'code':
        yield [node, node.type, [node]];
        break;
      case 'blockquote':
        yield [node, 'quote', [node]];
        break;
      case 'list':
        for (const item of node.children) yield [item, 'list-item', item.children];
        break;
      default:
        break;
    }
  }
}

/** Markdown → safe HTML split into addressable blocks, each marked with `data-block-id` in the HTML. */
export function renderDocument(markdown: string): RenderedDocument {
  const cached = renderedLately(markdown);
  if (cached) return cached;
  const rendered = renderTree(markdown);
  rememberRendered(markdown, rendered);
  return rendered;
}

function renderTree(markdown: string): RenderedDocument {
  const tree = parse(markdown);
  const blocks: Block[] = [];
  const seen = new Map<string, number>();
  for (const [node, type, htmlNodes] of blockNodes(tree)) {
    const text = plainText(node);
    const base = `${type[0]}-${createHash('sha256').update(`${type}\n${text}`).digest('hex').slice(0, 8)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count === 1 ? base : `${base}-${count}`;
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataBlockId: id } };
    blocks.push({ id, type, html: toHtml(htmlNodes), text });
  }
  return { html: toHtml(tree.children), blocks };
}

/** Where a block's editable Markdown lies in the document: offsets [start, end). */
export interface BlockSpan {
  start: number;
  end: number;
}

/**
 * For each block of `renderDocument(markdown).blocks`, in the same order, the span of Markdown a
 * reader edits in place: a heading's or list item's content without its `#` or bullet marker, the
 * whole of any other block. Suggestions replace ranges of these spans.
 */
export function blockSpans(markdown: string): BlockSpan[] {
  const spans: BlockSpan[] = [];
  for (const [node, type] of blockNodes(parse(markdown))) {
    const inner = type === 'heading' || type === 'list-item' ? ('children' in node ? (node.children as Nodes[]) : []) : [node];
    const first = inner[0]?.position ?? node.position;
    const last = inner[inner.length - 1]?.position ?? node.position;
    // An empty heading or item has no content: an empty span where its content would go.
    const empty = inner.length === 0 && node.position ? node.position.end.offset! : undefined;
    spans.push({ start: empty ?? first!.start.offset!, end: empty ?? last!.end.offset! });
  }
  return spans;
}

/** Lines holding raw HTML, which the renderer drops; content files must not rely on it. */
export function rawHtmlLines(markdown: string): number[] {
  const lines: number[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'html' && node.position) lines.push(node.position.start.line);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(processor.parse(markdown));
  return lines;
}
