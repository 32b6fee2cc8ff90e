import type { MergeChunk } from './revisions';

// Runs in the browser as well as on the server, so it imports nothing at run time (see
// .dependency-cruiser.cjs, "runtime-contracts-stand-alone").

/** Text typed by hand for a conflict: '\n' line endings, and a final newline where the conflict ended a line. */
export function customConflictText(conflict: Extract<MergeChunk, { kind: 'conflict' }>, text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  const endsLine = [conflict.base, conflict.ours, conflict.theirs].some((side) => side.endsWith('\n'));
  return endsLine && normalised !== '' && !normalised.endsWith('\n') ? `${normalised}\n` : normalised;
}
