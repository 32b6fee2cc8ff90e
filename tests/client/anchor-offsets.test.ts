import { describe, expect, it } from 'vitest';
import { locateQuote } from '../../client/features/comments/anchor-offsets';
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
