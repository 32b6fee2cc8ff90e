import type { SuggestionExportRow } from '../suggestions/suggestions.service';
import type { AnalysedCommentRow, RevisionExportRow } from './exports.repository';

/** What each column of the public exports holds, for the open-data README. */
const COMMENT_COLUMNS: Partial<Record<keyof AnalysedCommentRow, string>> = {
  id: 'The comment’s number; its page is /comments/<id>.',
  section: 'The section’s slug (its address in the consultation).',
  section_title: 'The section’s title.',
  kind: 'What the comment is: support, object, question, suggestion, evidence or general.',
  question_number: 'For an answer to one of the consultation’s numbered questions: the question’s number; empty otherwise.',
  question: 'The text of that question; empty otherwise.',
  parent_id: 'For a reply: the comment it replies to; empty for a top-level comment.',
  thread_id: 'The thread’s top-level comment (its own id for a top-level comment).',
  quoted_passage: 'The words of the text the author commented on, as they were when posting; empty when the comment is on the whole section.',
  anchor_state: 'Where that passage is in the current text: anchored, moved, or orphaned (no longer in the text).',
  written_on_version: 'The version of the section the comment was written on (see revisions).',
  body: 'The comment, as Markdown.',
  author: 'The author’s display name, as they chose it.',
  respondent_type: 'Whether the author responded as an individual or on behalf of an organisation; empty when they did not say.',
  organisation: 'The organisation responded for; empty otherwise.',
  created_at: 'When it was posted (ISO 8601, UTC).',
  edited_at: 'When its author last edited it; empty if never.',
  endorsements: 'How many people endorsed it.',
  official: '1 for an editor’s or moderator’s official response, else 0.',
  addressed_in_version: 'The version of the section that editors marked as addressing it; empty if none.',
  campaign_id: 'The campaign (near-identical responses sent by many people) the response analysis placed it in; empty if none.',
};

const REVISION_COLUMNS: Record<keyof RevisionExportRow, string> = {
  id: 'The version’s unique number across the site.',
  section: 'The section’s slug.',
  section_title: 'The section’s title.',
  version: 'The version’s number within its section (1 is the first published text).',
  summary: 'What changed, in the words of whoever published it.',
  author: 'Who published it (display name); empty for text loaded from the published draft.',
  created_at: 'When it was published (ISO 8601, UTC).',
  sha256: 'SHA-256 of the Markdown, to check a copy.',
  markdown: 'The section’s full text in that version, as Markdown.',
};

const SUGGESTION_COLUMNS: Record<keyof SuggestionExportRow, string> = {
  id: 'The suggestion’s number.',
  section: 'The section’s slug.',
  section_title: 'The section’s title.',
  proposal_id: 'The proposed edit that carries it (several suggestions sent together share one); its page is /p/<id>.',
  status: 'open, accepted, rejected or withdrawn (with its proposal).',
  written_on_version: 'The version of the section the suggestion was written on (see revisions).',
  original: 'The Markdown of the passage it replaces (empty for an insertion).',
  replacement: 'The Markdown it suggests instead (empty for a deletion).',
  passage_before: 'The paragraph (or other block) as readers saw it, as plain text.',
  passage_after: 'The same paragraph with the suggestion applied, as plain text.',
  reason: 'Why, in the author’s words.',
  author: 'The author’s display name, as they chose it.',
  supports: 'How many people supported it (one each).',
  created_at: 'When it was written (ISO 8601, UTC).',
  decided_at: 'When it was accepted, rejected or withdrawn; empty while open.',
  decision_note: 'The editor’s reason for rejecting it; empty otherwise.',
  accepted_in_version: 'The version of the section it was accepted into; empty otherwise.',
};

function table<Row>(columns: readonly (keyof Row & string)[], docs: Partial<Record<keyof Row, string>>): string {
  return ['| Column | What it holds |', '| --- | --- |', ...columns.map((column) => `| \`${column}\` | ${docs[column] ?? ''} |`)].join('\n');
}

/** The README of the open-data ZIP: what is in it, and every column of every file. */
export function openDataReadme(
  consultation: { slug: string; title: string },
  columns: {
    comments: readonly (keyof AnalysedCommentRow & string)[];
    revisions: readonly (keyof RevisionExportRow & string)[];
    suggestions: readonly (keyof SuggestionExportRow & string)[];
  },
  createdAt: string,
): string {
  return `# ${consultation.title}: open data

Everything anyone may read on this consultation, as of ${createdAt}:

- \`comments.csv\` and \`comments.jsonl\`: every published comment and reply, in id order. Comments waiting
  for moderation, hidden or deleted are not included; nor is anyone's email address or any other
  account detail.
- \`revisions.csv\` and \`revisions.jsonl\`: every version of every section, oldest first.
- \`suggestions.csv\` and \`suggestions.jsonl\`: every suggested change to a passage that was sent, with its
  supports and what was decided, in id order. Suggestions still in their author's basket, or in a proposal
  waiting for moderation or hidden, are not included.

CSV files are RFC 4180, UTF-8 with a byte order mark; a cell that starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or
a carriage return has an apostrophe put in front so that spreadsheets do not run it as a formula. JSON
Lines files hold one JSON object per line with the same columns, unchanged.

## Comments

${table(columns.comments, COMMENT_COLUMNS)}

## Revisions

${table(columns.revisions, REVISION_COLUMNS)}

## Suggestions

${table(columns.suggestions, SUGGESTION_COLUMNS)}
`;
}
