import type { AnchorInput, CreateCommentBody } from '../../server/contracts/comments';
import type { SectionDetail } from '../../server/contracts/consultations';
import { BENCH_SECTION_PATH, type BenchSession } from './agora-data';
import { sampleCommentBody } from './sample-comment';

/** Comments as the section page posts them, for the write and fan-out benchmarks. */

export const COMMENTS_PATH = `${BENCH_SECTION_PATH}/comments`;
const KINDS = ['support', 'object', 'question', 'suggestion', 'evidence', 'general'] as const;

/** Passages of the section's current revision a comment can quote (the first words of each block). */
export async function loadPassages(serverUrl: string): Promise<AnchorInput[]> {
  const response = await fetch(`${serverUrl}${BENCH_SECTION_PATH}`);
  if (!response.ok) throw new Error(`GET ${BENCH_SECTION_PATH} answered ${response.status}`);
  const { section } = (await response.json()) as { section: SectionDetail };
  return section.revision.blocks.map((block) => {
    const end = Math.min(40, block.text.length);
    return { blockId: block.id, exact: block.text.slice(0, end), start: 0, end };
  });
}

let posted = 0;
/** Never reused in a run, so no benchmark comment is ever refused as a duplicate. */
export function nextCommentNumber(): number {
  return ++posted;
}

/**
 * The n-th comment: distinct text (an identical one would be refused as a duplicate), the kinds
 * in turn, and two in five quoting a passage (as the seeded comments do).
 */
export function commentPayload(n: number, passages: readonly AnchorInput[]): string {
  const body: CreateCommentBody = { kind: KINDS[n % KINDS.length]!, body: sampleCommentBody(n, 'Benchmark comment') };
  if (n % 5 < 2 && passages.length > 0) body.anchor = passages[n % passages.length]!;
  return JSON.stringify(body);
}

/** Headers of a signed-in JSON request: the session cookie and its CSRF token. */
export function signedInHeaders(session: BenchSession): Record<string, string> {
  return { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
}
