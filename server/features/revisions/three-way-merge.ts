import { diffArrays } from 'diff';
import { customConflictText } from '../../contracts/merge-text';
import { contentKey } from '../../platform/content-key';
import { LruCache } from '../../platform/lru-cache';
import { hasWords, type MergeLevel, splitUnits } from './merge-units';

// "ours" = the section's current text (what landed since the base); "theirs" = the proposal/editor's text.

export type MergeChunk = { kind: 'ok'; text: string } | { kind: 'conflict'; base: string; ours: string; theirs: string };

export type MergeResult = { clean: true; text: string } | { clean: false; chunks: MergeChunk[] };

export type ConflictChoice = 'ours' | 'theirs' | { custom: string };

type Side = 'ours' | 'theirs';

/** One side's change: base units [start, end) replaced by `units` (start === end: an insertion). */
interface Hunk {
  side: Side;
  start: number;
  end: number;
  units: string[];
}

const FINER: Record<MergeLevel, MergeLevel | undefined> = { block: 'sentence', sentence: 'word', word: undefined };
/** Above this share of a passage's words changed by one side, the passage was rewritten: no word-level merge into it. */
const REWRITE_SHARE = 0.5;
/**
 * Myers' diff costs about (units on both sides) × (edits found). One merge may spend this much in
 * all: two long, unrelated texts would otherwise hold the server for a second. Once it is spent, a
 * stretch still to align becomes one change of the whole, which ends as a conflict for the editor
 * to settle — never a wrong merge. Counted in work, not time, so a merge's answer never depends on
 * how busy the machine is.
 */
const MERGE_WORK = 1_000_000;

class WorkBudget {
  constructor(private remaining: number) {}
  /** The most edits a diff of `units` units may look for. */
  editsFor(units: number): number {
    return Math.floor(this.remaining / units);
  }
  spend(units: number, edits: number): void {
    this.remaining -= units * Math.max(1, edits);
  }
}

/**
 * Three-way merge by Markdown blocks. Changes to different blocks merge, including a block inserted
 * next to one the other side edited; where both sides touched the same block, the blocks are merged
 * again by sentences, then by words, and only changes to the same words (or to a passage one side
 * rewrote or deleted) conflict, in chunks as small as that refinement allows — a chunk may start
 * and end inside a line. Line endings become '\n' and a non-empty text ends in '\n'.
 */
export function threeWayMerge(base: string, ours: string, theirs: string): MergeResult {
  return recentMerges.getOrCreate(contentKey(base, ours, theirs), () => computeMerge(base, ours, theirs));
}

/**
 * A proposal's page, its merge and a re-review all merge the same three texts: recent results
 * are kept (read-only), so viewing a long proposal again costs a hash, not a merge.
 */
const recentMerges = new LruCache<string, MergeResult>(64);

function computeMerge(base: string, ours: string, theirs: string): MergeResult {
  const chunks = coalesce(mergeAt(new WorkBudget(MERGE_WORK), 'block', normalise(base), normalise(ours), normalise(theirs)));
  if (!chunks.every((chunk) => chunk.kind === 'ok')) return { clean: false, chunks };
  return { clean: true, text: chunks.map((chunk) => chunk.text).join('') };
}

/**
 * The final text once every conflict has a choice, given in the order the conflicts appear. Custom
 * text replacing a chunk that ends a line gets its final newline back, so it cannot run into the
 * next line. Throws a RangeError when the number of choices differs from the number of conflicts.
 */
export function resolveConflicts(chunks: readonly MergeChunk[], choices: readonly ConflictChoice[]): string {
  let next = 0;
  const parts = chunks.map((chunk) => {
    if (chunk.kind === 'ok') return chunk.text;
    const choice = choices[next++];
    if (choice === undefined) throw new RangeError(`no choice given for conflict ${next}`);
    if (choice === 'ours') return chunk.ours;
    if (choice === 'theirs') return chunk.theirs;
    return customConflictText(chunk, choice.custom);
  });
  if (next !== choices.length) throw new RangeError(`${choices.length} choices given for ${next} conflicts`);
  return parts.join('');
}

function mergeAt(budget: WorkBudget, level: MergeLevel, base: string, ours: string, theirs: string): MergeChunk[] {
  if (ours === theirs) return [ok(ours)];
  if (base === ours) return [ok(theirs)];
  if (base === theirs) return [ok(ours)];
  const baseUnits = splitUnits(base, level);
  const oursHunks = hunksOf(budget, level, 'ours', baseUnits, splitUnits(ours, level));
  const theirsHunks = hunksOf(budget, level, 'theirs', baseUnits, splitUnits(theirs, level));
  if (level === 'word' && (rewritten(baseUnits, oursHunks) || rewritten(baseUnits, theirsHunks))) return [conflict(base, ours, theirs)];
  const chunks: MergeChunk[] = [];
  let pos = 0;
  for (const group of groupHunks(level, baseUnits, [...oursHunks, ...withoutDuplicates(theirsHunks, oursHunks)])) {
    const start = Math.min(...group.map((hunk) => hunk.start));
    const end = Math.max(...group.map((hunk) => hunk.end));
    chunks.push(ok(baseUnits.slice(pos, start).join('')));
    chunks.push(...settle(budget, level, baseUnits, group, start, end));
    pos = end;
  }
  chunks.push(ok(baseUnits.slice(pos).join('')));
  return chunks;
}

/** A group of one hunk applies it; a group where both sides changed overlapping units is merged one level finer. */
function settle(budget: WorkBudget, level: MergeLevel, baseUnits: readonly string[], group: readonly Hunk[], start: number, end: number): MergeChunk[] {
  const base = baseUnits.slice(start, end).join('');
  const ours = applied(baseUnits, group, 'ours', start, end);
  const theirs = applied(baseUnits, group, 'theirs', start, end);
  if (ours === theirs || !group.some((hunk) => hunk.side === 'ours')) return [ok(theirs)];
  if (!group.some((hunk) => hunk.side === 'theirs')) return [ok(ours)];
  const finer = FINER[level];
  return finer ? mergeAt(budget, finer, base, ours, theirs) : [conflict(base, ours, theirs)];
}

/**
 * One side's changes. Words changed with only spaces or punctuation between them are one change
 * ("invisible to" → "unseen by"), so the other side's edit can never land between its halves.
 */
function hunksOf(budget: WorkBudget, level: MergeLevel, side: Side, base: readonly string[], other: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let pending: Hunk | undefined;
  const { start, changed, into } = alignedEnds(base, other);
  let pos = start;
  const units = changed.length + into.length + 1;
  const maxEditLength = budget.editsFor(units);
  const changes = maxEditLength > 0 ? diffArrays(changed, into, { maxEditLength }) : undefined;
  if (!changes) {
    budget.spend(units, maxEditLength);
    return [{ side, start, end: start + changed.length, units: into }];
  }
  budget.spend(units, changes.reduce((edits, change) => edits + (change.added || change.removed ? change.count ?? change.value.length : 0), 0));
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (pending) hunks.push(pending);
      pending = undefined;
      pos += change.value.length;
      continue;
    }
    pending ??= { side, start: pos, end: pos, units: [] };
    if (change.added) pending.units.push(...change.value);
    else {
      pending.end += change.value.length;
      pos += change.value.length;
    }
  }
  if (pending) hunks.push(pending);
  if (level !== 'word') return hunks;
  const joined: Hunk[] = [];
  for (const hunk of hunks) {
    const last = joined.at(-1);
    const between = last && base.slice(last.end, hunk.start);
    if (last && between && !between.some(hasWords)) {
      last.units.push(...between, ...hunk.units);
      last.end = hunk.end;
    } else joined.push(hunk);
  }
  return joined;
}

/**
 * What Myers' diff must search. When one side only adds (or only removes) a run of units, the
 * shared start and end are aligned in linear time, as git does: a long passage added at the end
 * is one insertion, not thousands of edits to search through (which ran out the budget and
 * ended as a false conflict). Otherwise the whole, so that ties align as they always have.
 */
function alignedEnds(base: readonly string[], other: readonly string[]): { start: number; changed: string[]; into: string[] } {
  const prefix = commonPrefix(base, other);
  const suffix = commonPrefix(base.slice(prefix).reverse(), other.slice(prefix).reverse());
  const changed = base.slice(prefix, base.length - suffix);
  const into = other.slice(prefix, other.length - suffix);
  if (changed.length === 0 || into.length === 0) return { start: prefix, changed, into };
  return { start: 0, changed: [...base], into: [...other] };
}

/** How many units `a` and `b` share at their start. */
function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The other side's hunks minus those identical to one of `ours` (the same change made twice merges once). */
function withoutDuplicates(theirs: readonly Hunk[], ours: readonly Hunk[]): Hunk[] {
  const key = (hunk: Hunk): string => JSON.stringify([hunk.start, hunk.end, hunk.units]);
  const seen = new Set(ours.map(key));
  return theirs.filter((hunk) => !seen.has(key(hunk)));
}

/**
 * Hunks in base order, those that clash — directly or through others — gathered into one group,
 * and groups whose ranges interleave joined. An insertion sorts before a change starting at the
 * same place, so a block inserted before a block the other side edited lands before it.
 */
function groupHunks(level: MergeLevel, base: readonly string[], hunks: Hunk[]): Hunk[][] {
  hunks.sort((a, b) => a.start - b.start || a.end - b.end);
  const root = hunks.map((_, index) => index);
  const find = (index: number): number => (root[index] === index ? index : (root[index] = find(root[index]!)));
  hunks.forEach((a, i) => {
    for (let j = i + 1; j < hunks.length; j++) {
      if (a.side !== hunks[j]!.side && clash(level, base, a, hunks[j]!)) root[find(j)] = find(i);
    }
  });
  const byRoot = new Map<number, Hunk[]>();
  hunks.forEach((hunk, index) => byRoot.set(find(index), [...(byRoot.get(find(index)) ?? []), hunk]));
  const groups: Hunk[][] = [];
  for (const group of [...byRoot.values()].sort((a, b) => a[0]!.start - b[0]!.start || a[0]!.end - b[0]!.end)) {
    const last = groups.at(-1);
    if (last && group[0]!.start < Math.max(...last.map((hunk) => hunk.end))) last.push(...group);
    else groups.push(group);
  }
  return groups.map((group) => group.sort((a, b) => a.start - b.start || a.end - b.end));
}

/**
 * Whether changes from the two sides cannot both be applied. Blocks and sentences clash only when
 * they overlap (or insert different text at one place): changing neighbours is fine. Words clash
 * unless an unchanged word stands between them, as in diff3.
 */
function clash(level: MergeLevel, base: readonly string[], a: Hunk, b: Hunk): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  if (level === 'word') return second.start < first.end || !base.slice(first.end, second.start).some(hasWords);
  const firstInserts = first.start === first.end;
  const secondInserts = second.start === second.end;
  if (firstInserts && secondInserts) return first.start === second.start;
  if (secondInserts) return second.start < first.end && second.start > first.start;
  return second.start < first.end;
}

/** One side's text over base units [start, end): its hunks in the group applied. */
function applied(base: readonly string[], group: readonly Hunk[], side: Side, start: number, end: number): string {
  let text = '';
  let pos = start;
  for (const hunk of group.filter((member) => member.side === side)) {
    text += base.slice(pos, hunk.start).join('') + hunk.units.join('');
    pos = hunk.end;
  }
  return text + base.slice(pos, end).join('');
}

/** Whether one side's hunks change more than REWRITE_SHARE of the base's words. */
function rewritten(base: readonly string[], hunks: readonly Hunk[]): boolean {
  const total = base.filter(hasWords).length;
  const changed = hunks.reduce((sum, hunk) => sum + base.slice(hunk.start, hunk.end).filter(hasWords).length, 0);
  return total > 0 && changed / total > REWRITE_SHARE;
}

function coalesce(chunks: readonly MergeChunk[]): MergeChunk[] {
  const result: MergeChunk[] = [];
  for (const chunk of chunks) {
    const last = result.at(-1);
    if (chunk.kind === 'ok' && chunk.text === '') continue;
    if (chunk.kind === 'ok' && last?.kind === 'ok') last.text += chunk.text;
    else result.push({ ...chunk });
  }
  return result;
}

function normalise(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return normalised === '' || normalised.endsWith('\n') ? normalised : `${normalised}\n`;
}

function ok(text: string): MergeChunk {
  return { kind: 'ok', text };
}

function conflict(base: string, ours: string, theirs: string): MergeChunk {
  return { kind: 'conflict', base, ours, theirs };
}
