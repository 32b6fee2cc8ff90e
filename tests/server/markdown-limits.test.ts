/**
 * The shapes `limits.ts` refuses before any render (issue 13, finding 3), at and just past each
 * limit, and that every sample consultation stays well inside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { costlyMarkdownProblem, MARKDOWN_LIMITS } from '../../server/markdown/limits';

const { nesting, tableColumns, footnotes, brackets } = MARKDOWN_LIMITS;
const NESTING = /nested at most/;

describe('Markdown limits', () => {
  it('counts quote markers, bullets and numbers opening a line, and refuses one past the limit', () => {
    expect(costlyMarkdownProblem(`${'> '.repeat(nesting)}deep`)).toBeNull();
    expect(costlyMarkdownProblem(`${'> '.repeat(nesting + 1)}deeper`)).toMatch(NESTING);
    expect(costlyMarkdownProblem('> - 1. '.repeat(7) + 'x')).toMatch(NESTING);
    expect(costlyMarkdownProblem('> '.repeat(40_000))).toMatch(NESTING);
    // A bullet or number needs a blank (or the line's end) after it to open a list.
    expect(costlyMarkdownProblem('-a '.repeat(nesting * 2))).toBeNull();
    expect(costlyMarkdownProblem('1.a '.repeat(nesting * 2))).toBeNull();
    expect(costlyMarkdownProblem(`${'1234567890. '.repeat(nesting * 2)}`)).toBeNull();
  });

  it('counts half the indentation of a line that opens a quote or list (a tab as four spaces)', () => {
    expect(costlyMarkdownProblem(`${' '.repeat(2 * nesting)}- item`)).toMatch(NESTING);
    expect(costlyMarkdownProblem(`${'\t'.repeat(nesting / 2)}> x`)).toMatch(NESTING);
    expect(costlyMarkdownProblem(`${' '.repeat(2 * nesting - 2)}- item`)).toBeNull();
    // Indentation alone is a code block, not nesting.
    expect(costlyMarkdownProblem(`${' '.repeat(200)}code`)).toBeNull();
  });

  it('takes each line on its own, with \\n, \\r\\n or \\r between them', () => {
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      expect(costlyMarkdownProblem(`${'> '.repeat(nesting)}x${lineBreak}`.repeat(100))).toBeNull();
      expect(costlyMarkdownProblem(`first${lineBreak}${'> '.repeat(nesting + 1)}x`)).toMatch(NESTING);
    }
  });

  it('refuses a table wider than the limit, judged by its delimiter row', () => {
    expect(costlyMarkdownProblem(`|${' --- |'.repeat(tableColumns)}`)).toBeNull();
    expect(costlyMarkdownProblem(`|${' :-: |'.repeat(tableColumns + 1)}`)).toMatch(/at most 64 columns/);
    expect(costlyMarkdownProblem(`${'-|'.repeat(tableColumns)}-`)).toMatch(/at most 64 columns/);
    // A row with anything else in it is not a delimiter row.
    expect(costlyMarkdownProblem(`|${' - |'.repeat(tableColumns + 1)}x`)).toBeNull();
  });

  it('refuses too many footnote definitions or square brackets', () => {
    expect(costlyMarkdownProblem('[^n]: note\n'.repeat(footnotes))).toBeNull();
    expect(costlyMarkdownProblem('[^n]: note\n'.repeat(footnotes + 1))).toMatch(/at most 500 footnotes/);
    expect(costlyMarkdownProblem('[^]: not a footnote\n'.repeat(footnotes + 1))).toBeNull();
    expect(costlyMarkdownProblem('['.repeat(brackets))).toBeNull();
    expect(costlyMarkdownProblem('['.repeat(brackets + 1))).toMatch(/square brackets/);
  });

  it('passes every sample consultation', () => {
    const files = fs.readdirSync('content', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(costlyMarkdownProblem(fs.readFileSync(path.join('content', file), 'utf8')), file).toBeNull();
  });
});
