import type { AcceptBody, RejectSuggestionsBody, SuggestionConflictDetails } from '../../contracts/suggestions';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { commentsOnPassage } from '../comments/anchoring/anchoring.service';
import { requireSection, sectionById } from '../consultations/consultations.service';
import { holdSectionForMerge, requireDecidable, settlePassageProposal } from '../proposals/passage-proposals.service';
import { sameText } from '../proposals/proposals.service';
import { type ConflictChoice, currentRevision, resolveConflicts, threeWayMerge } from '../revisions/revisions.service';
import { applyPassage } from './passage';
import { mayDecide } from './suggestions.policy';
import { targetOf } from './suggestions.presenter';
import * as repo from './suggestions.repository';
import { passageOf, recordSuggestionEvents } from './suggestions.service';

// Accepting and rejecting suggestions where they sit. Accepting publishes a revision, which the
// accept-suggestions command does between `prepareAccept` and `markAccepted`.

type Place = Awaited<ReturnType<typeof requireSection>>;

/** The open suggestions `ids` of this section the editor may decide, in the order given; 404 for any other. */
async function requireDecidableSuggestions(db: Db, viewer: CurrentUser | null, place: Place, ids: readonly number[], action: 'merge' | 'reject'): Promise<repo.SuggestionRow[]> {
  const rows = await repo.findSuggestions(db, ids);
  const byId = new Map(rows.filter((row) => row.section_id === place.section.id && row.status !== 'draft').map((row) => [row.id, row]));
  const ordered = ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound(`Suggestion ${id}`);
    enforce(mayDecide(viewer, place, targetOf(row)));
    return row;
  });
  for (const proposalId of new Set(ordered.map((row) => row.proposal_id!))) await requireDecidable(db, viewer, proposalId, action);
  return ordered;
}

/** "Accepted suggestion #4 by Alice Smith (reviewed by Bob Jones): Clearer wording" — several are listed. */
function creditLine(rows: readonly repo.SuggestionRow[], editor: CurrentUser, byHand: boolean): string {
  const who = rows.map((row) => `#${row.id} by ${row.author_display_name ?? 'a former member'}`).join(', ');
  const role = byHand ? 'conflict resolved by' : 'reviewed by';
  const what = rows.length === 1 ? `: ${rows[0]!.reason}` : '';
  return `Accepted suggestion${rows.length === 1 ? '' : 's'} ${who} (${role} ${editor.displayName})${what}`.slice(0, 300);
}

function settle(row: repo.SuggestionRow, text: string, choices: readonly ConflictChoice[] | undefined, currentRevision: number): { text: string; byHand: boolean } {
  const theirs = applyPassage(row.base_markdown, passageOf(row));
  const merge = text === row.base_markdown ? { clean: true as const, text: theirs } : threeWayMerge(row.base_markdown, text, theirs);
  if (merge.clean) return { text: merge.text, byHand: false };
  if (choices) {
    try {
      return { text: resolveConflicts(merge.chunks, choices), byHand: true };
    } catch (error) {
      if (error instanceof RangeError) throw badRequest('Choose one wording for each conflict.', 'choices');
      throw error;
    }
  }
  // Only the passage concerned, with its choices: the conflicting chunks, not the whole section.
  const details: SuggestionConflictDetails = { suggestionId: row.id, currentRevision, chunks: merge.chunks.filter((chunk) => chunk.kind === 'conflict') };
  throw conflict('merge_conflict', `Suggestion #${row.id} changes words that have changed since it was written. Choose which wording to keep.`, details);
}

export interface PreparedAccept {
  sectionId: number;
  markdown: string;
  summary: string;
  authorId: number | null;
  editor: CurrentUser;
  rows: repo.SuggestionRow[];
  place: Place;
  /** Comments anchored on the changed passages before the merge (re-anchoring then moves them). */
  commentsOnPassages: number[];
}

/**
 * Merges the suggestions, one after another, three ways into the current text (a suggestion on an
 * older version applies while its passage is unchanged). A conflict is a 409 carrying only the
 * passage concerned; `choices` settles it when one suggestion is accepted alone.
 */
export async function prepareAccept(trx: Trx, viewer: CurrentUser | null, c: string, s: string, input: AcceptBody): Promise<PreparedAccept> {
  const { place, rows, text, byHand } = await workOutAccept(trx, viewer, c, s, input, (sectionId, current) => holdSectionForMerge(trx, sectionId, current.id, current.number));
  const authors = new Set(rows.map((row) => row.author_id));
  const editor = viewer!;
  const comments = new Set<number>();
  for (const row of rows) {
    for (const id of await commentsOnPassage(trx, place.section.id, { blockId: row.block_id, start: row.text_start, end: row.text_end })) comments.add(id);
  }
  return {
    sectionId: place.section.id,
    markdown: text,
    summary: creditLine(rows, editor, byHand),
    authorId: authors.size === 1 ? rows[0]!.author_id : editor.id,
    editor,
    rows,
    place,
    commentsOnPassages: [...comments],
  };
}

/** The text accepting these suggestions would publish now, worked out without the write lock, so it can be rendered first. */
export async function acceptedTextPreview(db: Db, viewer: CurrentUser | null, c: string, s: string, input: AcceptBody): Promise<string> {
  return (await workOutAccept(db, viewer, c, s, input, async () => {})).text;
}

async function workOutAccept(
  db: Db,
  viewer: CurrentUser | null,
  c: string,
  s: string,
  input: AcceptBody,
  holdSection: (sectionId: number, current: { id: number; number: number }) => Promise<void>,
) {
  const place = await requireSection(db, c, s);
  const rows = await requireDecidableSuggestions(db, viewer, place, input.ids, 'merge');
  const current = await currentRevision(db, place.section);
  if (current.number !== input.currentRevision) throw conflict('stale', `The section is now at version ${current.number}. Review the suggestions again.`, { currentRevision: current.number });
  await holdSection(place.section.id, current);
  if (input.choices && rows.length > 1) throw badRequest('Settle a conflict by accepting that suggestion alone.', 'choices');
  let text = current.markdown;
  let byHand = false;
  for (const row of rows) ({ text, byHand } = settle(row, text, input.choices, current.number));
  if (sameText(text, current.markdown)) throw conflict('no_change', 'The current text already says what these suggestions say. Reject them with a note instead.');
  return { place, rows, text, byHand };
}

/** After the revision is published: the suggestions accepted, proposals settled, and the comments on their passages found. */
export async function markAccepted(trx: Trx, prepared: PreparedAccept, revision: { id: number; number: number }): Promise<{ accepted: number[]; commentsOnPassages: number[] }> {
  const ids = prepared.rows.map((row) => row.id);
  const time = now();
  const changes = { status: 'accepted' as const, decided_by: prepared.editor.id, decided_at: time, merged_revision_id: revision.id };
  if ((await repo.updateSuggestionsIfStatus(trx, ids, 'open', changes)) !== ids.length) throw conflict('suggestion_decided', 'Someone else decided one of these suggestions at the same time. Reload the page.');
  await settleProposals(trx, prepared.rows, prepared.editor, '');
  await recordSuggestionEvents(trx, prepared.place, ids, 'suggestion.changed');
  return { accepted: ids, commentsOnPassages: prepared.commentsOnPassages };
}

async function settleProposals(trx: Trx, rows: readonly repo.SuggestionRow[], editor: CurrentUser, note: string): Promise<void> {
  for (const proposalId of new Set(rows.map((row) => row.proposal_id!))) {
    const progress = await repo.proposalProgress(trx, proposalId);
    if (progress.open > 0) continue;
    await settlePassageProposal(
      trx,
      proposalId,
      editor,
      progress.lastMergedRevisionId === null ? { accepted: false, note } : { accepted: true, revisionId: progress.lastMergedRevisionId },
    );
  }
}

/** An editor turns suggestions down, with a reason their authors and everyone else see. */
export async function rejectSuggestions(db: Db, viewer: CurrentUser | null, c: string, s: string, input: RejectSuggestionsBody): Promise<number[]> {
  return writeTransaction(db, async (trx) => {
    const place = await requireSection(trx, c, s);
    const rows = await requireDecidableSuggestions(trx, viewer, place, input.ids, 'reject');
    const ids = rows.map((row) => row.id);
    const reason = input.reason.trim();
    const changes = { status: 'rejected' as const, decision_note: reason, decided_by: viewer!.id, decided_at: now() };
    if ((await repo.updateSuggestionsIfStatus(trx, ids, 'open', changes)) !== ids.length) throw conflict('suggestion_decided', 'Someone else decided one of these suggestions at the same time. Reload the page.');
    await settleProposals(trx, rows, viewer!, reason);
    await recordSuggestionEvents(trx, place, ids, 'suggestion.changed');
    return ids;
  });
}

/** How a whole proposal was decided through its own review (merged, rejected or withdrawn), and by whom. */
export type ProposalOutcome =
  | { status: 'accepted'; by: number; revisionId: number }
  | { status: 'rejected'; by: number; note: string }
  | { status: 'withdrawn'; by: number };

/**
 * The suggestions a proposal carries share its fate when it is decided as a whole: every one still
 * open is accepted (into the merged revision), rejected with the proposal's reason, or withdrawn.
 */
export async function decideWithProposal(trx: Trx, proposalId: number, outcome: ProposalOutcome): Promise<void> {
  const rows = await repo.openSuggestionsOf(trx, proposalId);
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  const decided = { status: outcome.status, decided_by: outcome.by, decided_at: now() };
  const changes =
    outcome.status === 'accepted' ? { ...decided, merged_revision_id: outcome.revisionId } : outcome.status === 'rejected' ? { ...decided, decision_note: outcome.note } : decided;
  if ((await repo.updateSuggestionsIfStatus(trx, ids, 'open', changes)) !== ids.length) throw conflict('suggestion_decided', 'Someone else decided one of these suggestions at the same time. Reload the page.');
  await recordSuggestionEvents(trx, await sectionById(trx, rows[0]!.section_id), ids, 'suggestion.changed');
}
