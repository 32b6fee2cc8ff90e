import { diff3Merge } from 'node-diff3';

// "ours" = the section's current text (what landed since the base); "theirs" = the proposal/editor's text.

export type MergeChunk = { kind: 'ok'; text: string } | { kind: 'conflict'; base: string; ours: string; theirs: string };

export type MergeResult = { clean: true; text: string } | { clean: false; chunks: MergeChunk[] };

export type ConflictChoice = 'ours' | 'theirs' | { custom: string };

/**
 * Three-way merge at line granularity: a Markdown paragraph, heading or list item is one line, so
 * edits to different blocks merge and edits to the same block conflict. As in diff3 and git,
 * changes to adjacent lines (say, two consecutive list items) also conflict. The same change made
 * on both sides merges cleanly. Line endings become '\n' and every non-empty text, merged or in a
 * chunk, ends in '\n', so concatenating chunks in order always gives well-formed text.
 */
export function threeWayMerge(base: string, ours: string, theirs: string): MergeResult {
  const [o, a, b] = [toLines(base), toLines(ours), toLines(theirs)];
  // Lines all three share at the start and end cannot conflict; leaving them out keeps the
  // merge of a small edit to a long section cheap.
  const head = commonHead(o, a, b);
  const tail = commonTail(o, a, b, head);
  const middle = (lines: string[]) => lines.slice(head, lines.length - tail);
  const chunks = [
    { kind: 'ok' as const, text: fromLines(o.slice(0, head)) },
    ...mergeMiddle(middle(o), middle(a), middle(b)),
    { kind: 'ok' as const, text: fromLines(o.slice(o.length - tail)) },
  ].filter((chunk) => chunk.kind === 'conflict' || chunk.text !== '');
  if (!chunks.every((chunk) => chunk.kind === 'ok')) return { clean: false, chunks: joinAdjacentOk(chunks) };
  return { clean: true, text: chunks.map((chunk) => chunk.text).join('') };
}

/**
 * node-diff3's LCS costs up to (lines of base) × (lines of the other side), and far more than its
 * size suggests when lines repeat (every blank line matches every other). Past this many line
 * pairs the changed stretch is handed to the person as one conflict instead of stalling the server.
 */
const MAX_LINE_PAIRS = 1_000_000;

function mergeMiddle(o: string[], a: string[], b: string[]): MergeChunk[] {
  if (o.length * (a.length + b.length) > MAX_LINE_PAIRS) {
    return [{ kind: 'conflict', base: fromLines(o), ours: fromLines(a), theirs: fromLines(b) }];
  }
  return diff3Merge(a, o, b, { excludeFalseConflicts: true }).map((region): MergeChunk => {
    if (!region.conflict) return { kind: 'ok', text: fromLines(region.ok ?? []) };
    const { o: baseLines, a: ourLines, b: theirLines } = region.conflict;
    return { kind: 'conflict', base: fromLines(baseLines), ours: fromLines(ourLines), theirs: fromLines(theirLines) };
  });
}

function commonHead(o: string[], a: string[], b: string[]): number {
  let n = 0;
  while (n < o.length && n < a.length && n < b.length && o[n] === a[n] && o[n] === b[n]) n++;
  return n;
}

function commonTail(o: string[], a: string[], b: string[], head: number): number {
  const line = (lines: string[], n: number) => lines[lines.length - 1 - n];
  let n = 0;
  while (n < Math.min(o.length, a.length, b.length) - head && line(o, n) === line(a, n) && line(o, n) === line(b, n)) n++;
  return n;
}

function joinAdjacentOk(chunks: MergeChunk[]): MergeChunk[] {
  const joined: MergeChunk[] = [];
  for (const chunk of chunks) {
    const last = joined.at(-1);
    if (chunk.kind === 'ok' && last?.kind === 'ok') joined[joined.length - 1] = { kind: 'ok', text: last.text + chunk.text };
    else joined.push(chunk);
  }
  return joined;
}

/**
 * The final text once every conflict has a choice, given in the order the conflicts appear.
 * Throws a RangeError when the number of choices differs from the number of conflicts.
 */
export function resolveConflicts(chunks: readonly MergeChunk[], choices: readonly ConflictChoice[]): string {
  let next = 0;
  const parts = chunks.map((chunk) => {
    if (chunk.kind === 'ok') return chunk.text;
    const choice = choices[next++];
    if (choice === undefined) throw new RangeError(`no choice given for conflict ${next}`);
    if (choice === 'ours') return chunk.ours;
    if (choice === 'theirs') return chunk.theirs;
    return fromLines(toLines(choice.custom));
  });
  if (next !== choices.length) throw new RangeError(`${choices.length} choices given for ${next} conflicts`);
  return parts.join('');
}

function toLines(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised === '') return [];
  return (normalised.endsWith('\n') ? normalised.slice(0, -1) : normalised).split('\n');
}

function fromLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}
