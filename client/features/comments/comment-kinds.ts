import type { CommentCounts, CommentKind } from '../../../server/contracts/comments';

/** Plain-language choices for the comment form, in the order they are offered. */
export const KIND_CHOICES: { kind: CommentKind; label: string; hint: string }[] = [
  { kind: 'support', label: 'I support this', hint: 'Say what you like about it and why.' },
  { kind: 'object', label: 'I object to this', hint: 'Say what is wrong with it and why.' },
  { kind: 'question', label: 'I have a question', hint: 'Ask about something that is unclear.' },
  { kind: 'suggestion', label: 'I suggest a change', hint: 'Say what should be added, removed or reworded.' },
  { kind: 'evidence', label: 'I have evidence', hint: 'Share facts, research or experience, with sources if you can.' },
  { kind: 'general', label: 'Something else', hint: 'Any other comment.' },
];

/** Short labels for tags and counts. */
export const KIND_TAGS: Record<CommentKind, string> = {
  support: 'Support',
  object: 'Objection',
  question: 'Question',
  suggestion: 'Suggestion',
  evidence: 'Evidence',
  general: 'Comment',
};

const KIND_PLURALS: Record<CommentKind, [string, string]> = {
  support: ['in support', 'in support'],
  object: ['objection', 'objections'],
  question: ['question', 'questions'],
  suggestion: ['suggestion', 'suggestions'],
  evidence: ['piece of evidence', 'pieces of evidence'],
  general: ['other comment', 'other comments'],
};

/** "3 objections", "1 question", "2 in support". */
export function kindCount(kind: CommentKind, n: number): string {
  return `${n} ${KIND_PLURALS[kind][n === 1 ? 0 : 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "5 comments: 3 objections, 2 in support" (kinds with none left out). */
export function countSummary(counts: CommentCounts): string {
  if (counts.total === 0) return 'No comments yet';
  const parts = KIND_CHOICES.filter(({ kind }) => counts[kind] > 0).map(({ kind }) => kindCount(kind, counts[kind]));
  return `${plural(counts.total, 'comment')}: ${parts.join(', ')}`;
}
