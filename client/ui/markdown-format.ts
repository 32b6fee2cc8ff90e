// The formatting toolbar of the Markdown editor: what each button does to the text, as a pure function.

/** One formatting button: how it changes the selected text (or inserts at the caret). */
export interface Format {
  label: string;
  /** Wraps the selection in `before` … `after`; `line` puts `before` at the start of each selected line instead. */
  before: string;
  after: string;
  line?: boolean;
  placeholder: string;
}

export const FORMATS: Format[] = [
  { label: 'Bold', before: '**', after: '**', placeholder: 'bold text' },
  { label: 'Italic', before: '*', after: '*', placeholder: 'italic text' },
  { label: 'Link', before: '[', after: '](https://)', placeholder: 'link text' },
  { label: 'Heading', before: '## ', after: '', line: true, placeholder: 'Heading' },
  { label: 'Bulleted list', before: '- ', after: '', line: true, placeholder: 'List item' },
  { label: 'Numbered list', before: '1. ', after: '', line: true, placeholder: 'List item' },
];

/** `text` with the selection [start, end) formatted, and the new selection (the formatted words). */
export function applyFormat(text: string, start: number, end: number, format: Format): { text: string; start: number; end: number } {
  const chosen = text.slice(start, end) || format.placeholder;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (format.line && start === end && start !== lineStart) {
    // At a caret inside a line: a new line of its own, so the line's words stay as they are.
    const inserted = `\n${format.before}${chosen}\n`;
    return { text: text.slice(0, start) + inserted + text.slice(end), start: start + 1 + format.before.length, end: start + 1 + format.before.length + chosen.length };
  }
  if (format.line) {
    const lines = (text.slice(lineStart, start) + chosen).split('\n').map((line) => format.before + line).join('\n');
    const result = text.slice(0, lineStart) + lines + text.slice(end);
    return { text: result, start: lineStart, end: lineStart + lines.length };
  }
  const result = text.slice(0, start) + format.before + chosen + format.after + text.slice(end);
  return { text: result, start: start + format.before.length, end: start + format.before.length + chosen.length };
}
