import fc from 'fast-check';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/markdown/render';
import { keepStrayTaskChecks } from '../../server/markdown/stray-task-checks';

// renderMarkdown answers plain text without running the Markdown pipeline; it must make exactly
// what the pipeline makes (for one plain paragraph, the sanitising schema changes nothing).
const pipeline = remark().use(remarkGfm).use(keepStrayTaskChecks).use(remarkHtml);
const full = (markdown: string): string => String(pipeline.processSync(markdown)).trim();

// Pieces of the plain alphabet (and the near misses the shortcut must leave alone), then syntax.
const plain = ['a', 'Z', 'q', '7', '10', ' ', '  ', ',', '.', ';', ':', '?', '!', "'", '"', '(', ')', '-', '--', 'www.', 'WwW.', '1.', '2)'];
const syntax = ['# ', '*', '_', '`', '<', '>', '&', '[x]', '~~', '\n', '\t', '|', '\\', '@', '/'];
const texts = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

describe('plain-text comments', () => {
  it('render exactly as the full Markdown pipeline renders them', () => {
    // Mostly starting with a letter, so that most plain texts take the shortcut.
    const startingWithLetter = fc.tuple(fc.constantFrom('A', 'b'), texts(plain)).map(([first, rest]) => first + rest);
    for (const arbitrary of [startingWithLetter, texts(plain), texts([...plain, ...syntax])]) {
      fc.assert(
        fc.property(arbitrary, (text) => {
          expect(renderMarkdown(text)).toBe(full(text));
        }),
        { numRuns: 3_000 },
      );
    }
  });

  it('cover the common case, and nothing that looks like syntax', () => {
    const direct = ['I broadly support this, but (frankly) the thresholds need a review: why?', "Say 'no' -- it is late."];
    for (const text of direct) expect(renderMarkdown(text)).toBe(`<p>${text}</p>`);
    for (const text of ['- a list', '1. first', 'see www.example.org', 'Trailing ', 'x & y']) expect(renderMarkdown(text)).toBe(full(text));
  });
});
