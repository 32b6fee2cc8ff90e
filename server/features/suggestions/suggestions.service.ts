import type { Config } from '../../config';
import { sectionChannel } from '../../contracts/live';
import type { ProposalSummary } from '../../contracts/proposals';
import type { SendBasketBody, SuggestBody, Suggestion, SuggestionList, SuggestionsQuery } from '../../contracts/suggestions';
import type { Db } from '../../db/database';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import type { Block } from '../../markdown/render';
import { enforce } from '../../platform/decisions';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { requireSection, sectionById } from '../consultations/consultations.service';
import { openPassageProposal } from '../proposals/passage-proposals.service';
import { blocksOf, currentRevision, revisionByNumber } from '../revisions/revisions.service';
import { applyPassages, blockSources, locatePassage, overlaps, type Passage } from './passage';
import { mayChangeBasket, mayDecide, mayRead, maySuggest, maySupport } from './suggestions.policy';
import { presentSuggestion, suggestionEvent, targetOf } from './suggestions.presenter';
import * as repo from './suggestions.repository';

type Rules = Pick<Config, 'premoderationAccountAgeHours'>;
type Place = { consultation: ConsultationRow; section: SectionRow };

/** A section shows at most this many suggestions at once. */
const MAX_LISTED = 500;
const MAX_SUMMARY = 200;

export const passageOf = (row: repo.SuggestionRow): Passage => ({ sourceStart: row.source_start, sourceEnd: row.source_end, replacement: row.replacement });

/** Appends `suggestion.created` or `.changed` for each suggestion others may read (no text: viewers reload the list). */
export async function recordSuggestionEvents(trx: Trx, place: Place, ids: readonly number[], type: 'suggestion.created' | 'suggestion.changed'): Promise<void> {
  for (const row of await repo.findSuggestions(trx, ids)) {
    if (row.proposal_moderation !== 'visible') continue;
    await appendEvent(trx, sectionChannel(place.consultation.slug, place.section.slug), type, suggestionEvent(row));
  }
}

/** "Clearer wording" for one; "3 suggestions: Clearer wording; …" for several, within the summary's length. */
function summaryOf(rows: readonly repo.SuggestionRow[], given: string | undefined): string {
  const text = given?.trim() || (rows.length === 1 ? rows[0]!.reason : `${rows.length} suggestions: ${rows.map((row) => row.reason).join('; ')}`);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

async function sendBasketIn(trx: Trx, author: CurrentUser, place: Place, given: string | undefined, rules: Rules): Promise<ProposalSummary['id']> {
  const basket = await repo.listBasket(trx, place.section.id, author.id);
  if (basket.length === 0) throw conflict('basket_empty', 'Your basket of suggestions for this section is empty.');
  const base = basket[0]!;
  const markdown = applyPassages(base.base_markdown, basket.map(passageOf));
  const proposal = await openPassageProposal(trx, author, { ...place, baseRevisionId: base.base_revision_id, markdown, summary: summaryOf(basket, given) }, rules);
  const ids = basket.map((row) => row.id);
  await repo.updateSuggestionsIfStatus(trx, ids, 'draft', { status: 'open', proposal_id: proposal.id });
  await recordSuggestionEvents(trx, place, ids, 'suggestion.created');
  return proposal.id;
}

/**
 * A suggestion on a passage of revision `baseRevision`: into the author's basket for the section,
 * and unless `send` is false, the basket sent at once as one proposal. Every suggestion in a basket
 * starts from the same revision and none overlaps another.
 */
export async function suggest(db: Db, viewer: CurrentUser | null, c: string, s: string, input: SuggestBody, rules: Rules): Promise<{ suggestion: Suggestion; proposalId: number | null }> {
  refuseInvalidCharacters(input.replacement, 'replacement');
  refuseInvalidCharacters(input.reason, 'reason');
  return writeTransaction(db, async (trx) => {
    const place = await requireSection(trx, c, s);
    enforce(maySuggest(viewer, place));
    const author = viewer!;
    const base = await revisionByNumber(trx, place.section.id, input.baseRevision);
    if (!base) throw badRequest(`This section has no version ${input.baseRevision}. Reload the page and start from the current text.`, 'baseRevision');
    const passage = locatePassage(base.markdown, blocksOf(base), input);
    const markdown = applyPassages(base.markdown, [passage]);
    refuseCostlyMarkdown(markdown, 'replacement');
    if (markdown === base.markdown) throw badRequest('Your wording is the same as the text. Change it before you send it.', 'replacement', 'unchanged');
    const basket = await repo.listBasket(trx, place.section.id, author.id);
    if (basket.some((row) => row.base_revision_id !== base.id)) {
      throw conflict('basket_base_changed', 'Your basket holds suggestions on an older version of this section. Send or empty it first.');
    }
    if (basket.some((row) => overlaps(passageOf(row), passage))) throw badRequest('This passage overlaps another suggestion in your basket.', 'start');
    const id = await repo.insertSuggestion(trx, {
      section_id: place.section.id,
      author_id: author.id,
      base_revision_id: base.id,
      block_index: passage.blockIndex,
      block_id: passage.blockId,
      source_start: passage.sourceStart,
      source_end: passage.sourceEnd,
      original: passage.original,
      replacement: passage.replacement,
      text_start: passage.textStart,
      text_end: passage.textEnd,
      text_before: passage.textBefore,
      text_after: passage.textAfter,
      reason: input.reason.trim(),
      status: 'draft',
      created_at: now(),
    });
    const proposalId = input.send === false ? null : await sendBasketIn(trx, author, place, undefined, rules);
    const row = (await repo.findSuggestions(trx, [id]))[0]!;
    return { suggestion: presentFor(author, place, row, blocksOf(await currentRevision(trx, place.section)), false), proposalId };
  });
}

/** Sends the caller's basket for the section as one proposal. */
export async function sendBasket(db: Db, viewer: CurrentUser | null, c: string, s: string, input: SendBasketBody, rules: Rules): Promise<number> {
  return writeTransaction(db, async (trx) => {
    const place = await requireSection(trx, c, s);
    enforce(maySuggest(viewer, place));
    return sendBasketIn(trx, viewer!, place, input.summary, rules);
  });
}

export async function getBasket(db: Db, viewer: CurrentUser | null, c: string, s: string): Promise<Suggestion[]> {
  const place = await requireSection(db, c, s);
  if (!viewer) return [];
  const blocks = blocksOf(await currentRevision(db, place.section));
  return (await repo.listBasket(db, place.section.id, viewer.id)).map((row) => presentFor(viewer, place, row, blocks, false));
}

export async function removeFromBasket(db: Db, viewer: CurrentUser | null, id: number): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const row = (await repo.findSuggestions(trx, [id]))[0];
    if (!row || !mayRead(viewer, targetOf(row))) throw notFound('Suggestion');
    enforce(mayChangeBasket(viewer, targetOf(row)));
    await repo.deleteDraft(trx, id);
  });
}

function presentFor(viewer: CurrentUser | null, place: Place, row: repo.SuggestionRow, blocks: readonly Block[], supported: boolean): Suggestion {
  const target = targetOf(row);
  return presentSuggestion(row, blocks, supported, { support: maySupport(viewer, target).allowed, decide: mayDecide(viewer, place, target).allowed });
}

const ORDER: Record<NonNullable<SuggestionsQuery['sort']>, (a: Suggestion, b: Suggestion) => number> = {
  position: (a, b) => (a.current?.block ?? Infinity) - (b.current?.block ?? Infinity) || a.start - b.start || a.id - b.id,
  support: (a, b) => b.supports - a.supports || a.id - b.id,
  newest: (a, b) => b.id - a.id,
};

/** A section's sent suggestions the viewer may read, with the current blocks' sources that new ranges count in. */
export async function listSuggestions(db: Db, viewer: CurrentUser | null, c: string, s: string, query: SuggestionsQuery): Promise<SuggestionList> {
  const place = await requireSection(db, c, s);
  const current = await currentRevision(db, place.section);
  const blocks = blocksOf(current);
  const rows = (await repo.listSectionSuggestions(db, place.section.id, undefined, MAX_LISTED)).filter((row) => mayRead(viewer, targetOf(row)));
  const supported = viewer ? await repo.supportedBy(db, viewer.id, rows.map((row) => row.id)) : new Set<number>();
  const all = rows.map((row) => presentFor(viewer, place, row, blocks, supported.has(row.id)));
  const count = (status: string) => all.filter((item) => item.status === status).length;
  const wanted = all.filter((item) => item.status === (query.status ?? 'open'));
  return {
    revision: current.number,
    blockSources: blockSources(current.markdown),
    suggestions: wanted.sort(ORDER[query.sort ?? 'position']),
    counts: { open: count('open'), accepted: count('accepted'), rejected: count('rejected') },
  };
}

/** Adds (or, with `on` false, withdraws) the viewer's support: one per person. */
export async function setSupport(db: Db, viewer: CurrentUser | null, id: number, on: boolean): Promise<{ supports: number; supported: boolean }> {
  return writeTransaction(db, async (trx) => {
    const row = (await repo.findSuggestions(trx, [id]))[0];
    if (!row || !mayRead(viewer, targetOf(row))) throw notFound('Suggestion');
    enforce(maySupport(viewer, targetOf(row)));
    const changed = on ? await repo.insertSupport(trx, id, viewer!.id, now()) : await repo.deleteSupport(trx, id, viewer!.id);
    if (changed) {
      await repo.addToSupportCount(trx, id, on ? 1 : -1);
      await recordSuggestionEvents(trx, await sectionPlace(trx, row), [id], 'suggestion.changed');
    }
    return { supports: row.support_count + (changed ? (on ? 1 : -1) : 0), supported: on };
  });
}

function sectionPlace(db: Db, row: repo.SuggestionRow): Promise<Place> {
  return sectionById(db, row.section_id);
}

export type { SuggestionExportRow } from './suggestions.repository';

/** The public suggestions export of a consultation (read as it is streamed). */
export const suggestionExportRows = (db: Db, consultationId: number): AsyncGenerator<repo.SuggestionExportRow> => repo.exportRows(db, consultationId, MAX_LISTED);

/** For the dashboard: the open suggestions most supported, and the open ones and their supports in all. */
export const mostSupportedSuggestions = (db: Db, consultationId: number, limit: number) => repo.mostSupported(db, consultationId, limit);
