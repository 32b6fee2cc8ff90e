/** Comment content of a realistic size, shared by the raw-insert baseline and (later) the comment-write benchmark. */

const SENTENCE = 'I broadly support this section, but the procurement thresholds need a clearer rationale and a review date. ';

/** About 200 characters, different for every n so rows are not identical. */
export function sampleCommentBody(n: number): string {
  return `Comment ${n}: ${SENTENCE}${SENTENCE}`.slice(0, 200);
}

/** The HTML a comment body renders to (plain paragraph; no markup in the sample). */
export function sampleCommentHtml(body: string): string {
  return `<p>${body}</p>\n`;
}
