import type { MergeChunk } from '../../contracts/revisions';
import { diff3Merge } from 'node-diff3';

// "ours" = the section's current text (what landed since the base); "theirs" = the proposal/editor's text.


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
  const regions = diff3Merge(toLines(ours), toLines(base), toLines(theirs), { excludeFalseConflicts: true });
  const chunks = regions.map((region): MergeChunk => {
    if (!region.conflict) return { kind: 'ok', text: fromLines(region.ok ?? []) };
    const { o, a, b } = region.conflict;
    return { kind: 'conflict', base: fromLines(o), ours: fromLines(a), theirs: fromLines(b) };
  });
  if (!chunks.every((chunk) => chunk.kind === 'ok')) return { clean: false, chunks };
  return { clean: true, text: chunks.map((chunk) => chunk.text).join('') };
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
