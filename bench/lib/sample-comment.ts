/** Comment content of a realistic size, shared by the raw-insert baseline, the seeding script and the comment-write benchmark. */

const SENTENCE = 'I broadly support this section, but the procurement thresholds need a clearer rationale and a review date. ';

/** About 200 characters, different for every (label, n) so rows are not identical (and not refused as duplicates). */
export function sampleCommentBody(n: number, label = 'Comment'): string {
  return `${label} ${n}: ${SENTENCE}${SENTENCE}`.slice(0, 200);
}

/** What the app's Markdown renderer makes of a sample body (one plain paragraph: nothing to escape). */
export function sampleCommentHtml(body: string): string {
  return `<p>${body}</p>`;
}
