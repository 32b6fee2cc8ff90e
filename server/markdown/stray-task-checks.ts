import type { Paragraph } from 'mdast';
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';

/**
 * micromark-extension-gfm-task-list-item 2.1 takes a `[x]` or `[ ]` that opens the paragraph
 * after an empty list item ("1.\n[x] a") for a task check, though that paragraph is not in the
 * item. mdast-util-gfm-task-list-item then fails an assertion in development builds, and in
 * production the "[x]" vanished from the text. Here such a check stays the text it is, as GitHub
 * shows it; a check inside a list item marks the item as before.
 */
const strayTaskChecks: Extension = {
  exit: {
    taskListCheckValueChecked: markListItem,
    taskListCheckValueUnchecked: markListItem,
    taskListCheck: keepStrayCheckAsText,
  },
};

function markListItem(this: CompileContext, token: Token): void {
  const parent = this.stack[this.stack.length - 2];
  if (parent?.type === 'listItem') parent.checked = (token.type as string) === 'taskListCheckValueChecked';
}

function keepStrayCheckAsText(this: CompileContext, token: Token): void {
  if (this.stack[this.stack.length - 2]?.type === 'listItem') return;
  const paragraph = this.stack[this.stack.length - 1] as Paragraph;
  // The text that follows joins this node, as consecutive data does.
  paragraph.children.push({ type: 'text', value: this.sliceSerialize(token), position: { start: point(token.start), end: point(token.end) } });
}

const point = ({ line, column, offset }: Token['start']) => ({ line, column, offset });

/** A remark plugin, used after remark-gfm (whose handlers these replace). */
export function keepStrayTaskChecks(this: Processor): void {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push([strayTaskChecks]);
}
