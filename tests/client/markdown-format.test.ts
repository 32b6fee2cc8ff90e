import { describe, expect, it } from 'vitest';
import { sourceChange } from '../../client/features/suggestions/block-markdown';
import { applyFormat, FORMATS } from '../../client/ui/markdown-format';

const format = (label: string) => FORMATS.find((f) => f.label === label)!;

describe('the formatting toolbar', () => {
  it('wraps the selected words and selects them again', () => {
    const text = 'Publish spending every quarter.';
    const start = text.indexOf('every');
    const result = applyFormat(text, start, start + 'every quarter'.length, format('Bold'));
    expect(result.text).toBe('Publish spending **every quarter**.');
    expect(result.text.slice(result.start, result.end)).toBe('every quarter');
  });

  it('puts a list marker at the start of each selected line', () => {
    const text = 'Intro\nfirst\nsecond';
    const result = applyFormat(text, text.indexOf('first'), text.length, format('Bulleted list'));
    expect(result.text).toBe('Intro\n- first\n- second');
  });

  it('at a caret inside a line, adds a heading on a line of its own with a placeholder selected', () => {
    const result = applyFormat('abcdef', 3, 3, format('Heading'));
    expect(result.text).toBe('abc\n## Heading\ndef');
    expect(result.text.slice(result.start, result.end)).toBe('Heading');
  });
});

describe('the change a suggestion sends', () => {
  it('is the smallest range of the source that differs, with its replacement', () => {
    const before = 'The board must **approve every large contract** before it is signed.';
    const after = 'The board must **approve every major contract** before it is signed.';
    const change = sourceChange(before, after);
    expect(before.slice(0, change.start) + change.replacement + before.slice(change.end)).toBe(after);
    expect(change).toEqual({ start: before.indexOf('large'), end: before.indexOf('large') + 5, replacement: 'major' });
  });

  it('is an insertion or a deletion when one side has nothing', () => {
    expect(sourceChange('a c', 'a b c')).toEqual({ start: 2, end: 2, replacement: 'b ' });
    expect(sourceChange('a b c', 'a c')).toEqual({ start: 2, end: 4, replacement: '' });
  });
});
