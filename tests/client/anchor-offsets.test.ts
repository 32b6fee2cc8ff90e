import { describe, expect, it } from 'vitest';
import { anchorWithin, locateQuote } from '../../client/features/comments/anchor-offsets';
import { renderDocument } from '../../server/markdown/render';

describe('locating a selection in the server’s block text', () => {
  const [block] = renderDocument('The *centre* sets   standards; the centre\nalso audits the centre.').blocks;
  const text = block!.text;

  it('collapses whitespace the way the server does and gives offsets that slice back to the quote', () => {
    const located = locateQuote(text, '  sets \n standards; ', 10);
    expect(located).toEqual({ exact: 'sets standards;', start: text.indexOf('sets'), end: text.indexOf('sets') + 'sets standards;'.length });
    expect(text.slice(located!.start, located!.end)).toBe(located!.exact);
  });

  it('picks the occurrence nearest to where the reader selected', () => {
    const occurrences = [...text.matchAll(/centre/g)].map((m) => m.index);
    expect(occurrences).toHaveLength(3);
    for (const at of occurrences) expect(locateQuote(text, 'centre', at + 2)?.start).toBe(at);
  });

  it('refuses a selection that is not in the text', () => {
    expect(locateQuote(text, 'not there', 0)).toBeNull();
    expect(locateQuote(text, ' \n ', 0)).toBeNull();
  });
});

describe('choosing words in the passage field (the keyboard path)', () => {
  const block = renderDocument('The board must **approve every large contract** first.').blocks[0]!;
  const words = 'approve every large contract';
  const at = block.text.indexOf(words);

  it('gives the chosen words with offsets that slice back to them, whichever way the selection ran', () => {
    expect(anchorWithin(block, at, at + words.length)).toEqual({ blockId: block.id, exact: words, start: at, end: at + words.length });
    expect(anchorWithin(block, at + words.length, at)).toEqual(anchorWithin(block, at, at + words.length));
  });

  it('trims spaces chosen around the words', () => {
    const anchor = anchorWithin(block, at - 1, at + words.length + 1);
    expect(anchor.exact).toBe(words);
    expect(block.text.slice(anchor.start, anchor.end)).toBe(words);
  });

  it('means the whole block when nothing (or only a space) is chosen', () => {
    const whole = { blockId: block.id, exact: block.text, start: 0, end: block.text.length };
    expect(anchorWithin(block, at, at)).toEqual(whole);
    expect(anchorWithin(block, at - 1, at)).toEqual(whole);
  });
});
