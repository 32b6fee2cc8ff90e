import type {
  DraftBody,
  ListProposalsQuery,
  ProposalComment,
  ProposalDraft,
  ProposalList,
  ProposalSummary,
  ReviseProposalBody,
  SubmitProposalBody,
} from '../../contracts/proposals';
import type { ProposalEventType } from '../../contracts/live';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { sectionChannel } from '../../contracts/live';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import { renderMarkdown, type RenderedDocument } from '../../markdown/render';
import { renderDocumentOffThread } from '../../markdown/render-off-thread';
import { badRequest, conflict, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { type Decision, enforce } from '../../platform/decisions';
import { underPremoderation } from '../comments/comments.service';
import { requireSection } from '../consultations/consultations.service';
import { mayDiscuss, mayKeepDraft, mayPreview, mayPropose, mayReject, mayRevise, mayView, mayWithdraw } from './proposals.policy';
import { presentDraft, presentProposalRecord, presentProposalSummary, proposalCommentFor, proposalSummaryFor, targetOf } from './proposals.presenter';
import * as repo from './proposals.repository';
import { revisionByNumber } from '../revisions/revisions.service';
import { isListedFor, listedSql, requireReadable } from './proposals.policy';

type PremoderationRules = Pick<Config, 'premoderationAccountAgeHours'>;


// For the live feature, which filters stored proposal events per viewer as they are now.
export { moderatedAudience } from './proposals.policy';
export { type ProposalRecord, proposalEventFor } from './proposals.presenter';
/** Moderation state and author of several proposals, as stored now. */
export const proposalStates = (db: Db, ids: number[]) => repo.currentProposalStates(db, ids);
/** A person's own proposals and discussion comments (their activity page and data download). */
export const proposalsByAuthor = (db: Db, authorId: number) => repo.proposalsByAuthor(db, authorId);
export const proposalCommentsByAuthor = (db: Db, authorId: number) => repo.proposalCommentsByAuthor(db, authorId);
/** Account erasure: drafts go; discussion comments lose their text when the person chose so. */
export const eraseProposalWorkBy = (trx: Trx, authorId: number, removeComments: boolean) => repo.eraseProposalWorkBy(trx, authorId, removeComments);

const PAGE_SIZE = 50;
/** The discussion of one proposal is short; this bounds the page even when it is not. */
const MAX_COMMENTS_SHOWN = 500;

/** Equal but for line endings and trailing blank space, which change nothing a reader sees. */
export function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  return normal(a) === normal(b);
}

/**
 * The proposal, if the viewer may read it: 404 for drafts (their author's alone) and proposals
 * waiting for approval (their author's and moderators'), 403 with the public reason when hidden.
 */
export async function requireProposal(db: Db, viewer: CurrentUser | null, id: number): Promise<repo.ProposalWithContext> {
  const row = await repo.findProposal(db, id);
  const item = row && { moderation: row.moderation, authorId: row.author_id, hiddenReason: row.hidden_reason };
  if (!row || !item || !mayView(viewer, { authorId: row.author_id, status: row.status }) || !isListedFor(viewer, item)) throw notFound('Proposal');
  requireReadable(viewer, item, 'proposal');
  return row;
}

/** Appends a live event describing the proposal as it now is, in the caller's transaction. */
export async function recordProposalEvent(trx: Trx, id: number, type: ProposalEventType): Promise<repo.ProposalWithContext> {
  const row = (await repo.findProposal(trx, id))!;
  await appendEvent(trx, sectionChannel(row.consultation_slug, row.section_slug), type, presentProposalRecord(row));
  return row;
}

/** Fails the write when a concurrent one changed the proposal first (possible on PostgreSQL). */
export function changedMeanwhile(): Error {
  return conflict('proposal_changed', 'Someone else changed this proposal at the same time. Reload the page to see it as it is now.');
}

async function requireBase(db: Db, sectionId: number, number: number) {
  const base = await revisionByNumber(db, sectionId, number);
  if (!base) throw badRequest(`This section has no version ${number}. Reload the page and start from the current text.`, 'baseRevision');
  return base;
}

/** Text a proposal stores: valid characters (see refuseInvalidCharacters) and Markdown cheap enough to render. */
export function refuseInvalidText(text: string, field: string): void {
  refuseInvalidCharacters(text, field);
  refuseCostlyMarkdown(text, field);
}

function refuseUnchanged(base: string, markdown: string): void {
  if (sameText(base, markdown)) throw badRequest('Your text is the same as the version you started from. Change the text before you submit it.', 'markdown', 'unchanged');
}

/** The same rendering a merged revision gets, so the preview is exactly what would be published. */
export function previewMarkdown(viewer: CurrentUser | null, markdown: string): Promise<RenderedDocument> {
  enforce(mayPreview(viewer));
  return renderDocumentOffThread(markdown, 'markdown');
}

export async function getDraft(db: Db, viewer: CurrentUser | null, c: string, s: string): Promise<ProposalDraft> {
  enforce(mayKeepDraft(viewer));
  const { section } = await requireSection(db, c, s);
  const draft = await repo.findDraft(db, section.id, viewer!.id);
  if (!draft) throw notFound('Draft');
  return presentDraft(draft);
}

/** One draft per author per section: saving again replaces it. */
export async function saveDraft(db: Db, viewer: CurrentUser | null, c: string, s: string, input: DraftBody): Promise<ProposalDraft> {
  enforce(mayKeepDraft(viewer));
  const author = viewer!;
  refuseInvalidText(input.markdown, 'markdown');
  refuseInvalidText(input.summary, 'summary');
  return writeTransaction(db, async (trx) => {
    const { section } = await requireSection(trx, c, s);
    const base = await requireBase(trx, section.id, input.baseRevision);
    const time = now();
    const changes = { base_revision_id: base.id, markdown: input.markdown, summary: input.summary, updated_at: time };
    const draft = await repo.findDraft(trx, section.id, author.id);
    if (draft) await repo.updateProposalIfStatus(trx, draft.id, 'draft', changes);
    else await repo.insertProposal(trx, { ...changes, section_id: section.id, author_id: author.id, status: 'draft', created_at: time });
    return presentDraft((await repo.findDraft(trx, section.id, author.id))!);
  });
}

/** Opens a proposal, turning the author's draft for this section into it when there is one. */
export async function submitProposal(db: Db, viewer: CurrentUser | null, c: string, s: string, input: SubmitProposalBody, rules: PremoderationRules): Promise<ProposalSummary> {
  return writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    enforce(mayPropose(viewer, { consultation, section }));
    const author = viewer!;
    const base = await requireBase(trx, section.id, input.baseRevision);
    refuseInvalidText(input.markdown, 'markdown');
    refuseInvalidText(input.summary, 'summary');
    refuseUnchanged(base.markdown, input.markdown);
    const time = now();
    // From a new account in a pre-moderated consultation, the proposal waits for a moderator.
    const moderation = (await underPremoderation(trx, author, consultation, rules)) ? ('pending' as const) : ('visible' as const);
    const values = { base_revision_id: base.id, markdown: input.markdown, summary: input.summary.trim(), status: 'open' as const, moderation, updated_at: time, submitted_at: time };
    const draft = await repo.findDraft(trx, section.id, author.id);
    const id =
      draft && (await repo.updateProposalIfStatus(trx, draft.id, 'draft', values))
        ? draft.id
        : await repo.insertProposal(trx, { ...values, section_id: section.id, author_id: author.id, created_at: time });
    return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.opened'));
  });
}

function proposingAnswer(decision: Decision): ProposalList['proposing'] {
  return decision.allowed ? { allowed: true } : { allowed: false, code: decision.code, message: decision.message };
}

export async function listSectionProposals(db: Db, viewer: CurrentUser | null, c: string, s: string, query: ListProposalsQuery): Promise<ProposalList> {
  const { consultation, section } = await requireSection(db, c, s);
  const page = query.page ?? 1;
  const listed = listedSql(viewer, 'proposals');
  const rows = await repo.listProposals(db, section.id, listed, query.status, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  const counts = await repo.countProposalsByStatus(db, section.id, listed);
  return {
    proposals: rows.slice(0, PAGE_SIZE).flatMap((row) => proposalSummaryFor(viewer, row) ?? []),
    counts: { open: counts.get('open') ?? 0, merged: counts.get('merged') ?? 0, rejected: counts.get('rejected') ?? 0, withdrawn: counts.get('withdrawn') ?? 0 },
    nextPage: rows.length > PAGE_SIZE ? page + 1 : null,
    proposing: proposingAnswer(mayPropose(viewer, { consultation, section })),
  };
}

/**
 * The author changes the text or summary of their open proposal; its base stays the same. An
 * author still under pre-moderation sends a published proposal back to the queue by revising it.
 */
export async function reviseProposal(db: Db, viewer: CurrentUser | null, id: number, input: ReviseProposalBody, rules: PremoderationRules): Promise<ProposalSummary> {
  return writeTransaction(db, async (trx) => {
    const row = await requireProposal(trx, viewer, id);
    enforce(mayRevise(viewer, targetOf(row)));
    refuseInvalidText(input.markdown, 'markdown');
    refuseInvalidText(input.summary, 'summary');
    refuseUnchanged(row.base_markdown, input.markdown);
    const held = row.moderation === 'visible' && (await underPremoderation(trx, viewer!, row, rules));
    const changes = { markdown: input.markdown, summary: input.summary.trim(), updated_at: now(), ...(held ? { moderation: 'pending' as const } : {}) };
    const changed = await repo.updateProposalIfStatus(trx, id, 'open', changes);
    if (!changed) throw changedMeanwhile();
    return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.updated'));
  });
}

/** The author withdraws their open proposal, inside the withdraw-proposal command's transaction. */
export async function markWithdrawn(trx: Trx, viewer: CurrentUser | null, id: number): Promise<ProposalSummary> {
  const row = await requireProposal(trx, viewer, id);
  enforce(mayWithdraw(viewer, targetOf(row)));
  const time = now();
  const changed = await repo.updateProposalIfStatus(trx, id, 'open', { status: 'withdrawn', decided_by: viewer!.id, decided_at: time, updated_at: time });
  if (!changed) throw changedMeanwhile();
  return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.withdrawn'));
}

/** An editor turns a proposal down, inside the reject-proposal command's transaction; the reason is shown to the proposer and everyone else. */
export async function markRejected(trx: Trx, viewer: CurrentUser | null, id: number, reason: string): Promise<ProposalSummary> {
  const row = await requireProposal(trx, viewer, id);
  enforce(mayReject(viewer, targetOf(row)));
  const time = now();
  const changes = { status: 'rejected' as const, decision_note: reason.trim(), decided_by: viewer!.id, decided_at: time, updated_at: time };
  if (!(await repo.updateProposalIfStatus(trx, id, 'open', changes))) throw changedMeanwhile();
  return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.rejected'));
}

export async function listProposalComments(db: Db, viewer: CurrentUser | null, id: number): Promise<ProposalComment[]> {
  await requireProposal(db, viewer, id);
  return (await repo.listProposalComments(db, id, listedSql(viewer, 'proposal_comments'), MAX_COMMENTS_SHOWN)).flatMap((row) => proposalCommentFor(viewer, row) ?? []);
}

/** A comment on a proposal; from a new account in a pre-moderated consultation it waits for a moderator. */
export async function addProposalComment(db: Db, viewer: CurrentUser | null, id: number, body: string, rules: PremoderationRules): Promise<ProposalComment> {
  return writeTransaction(db, async (trx) => {
    const row = await requireProposal(trx, viewer, id);
    enforce(mayDiscuss(viewer, targetOf(row)));
    refuseInvalidText(body, 'body');
    const moderation = (await underPremoderation(trx, viewer!, row, rules)) ? ('pending' as const) : ('visible' as const);
    const commentId = await repo.insertProposalComment(trx, { proposal_id: id, author_id: viewer!.id, body, html: renderMarkdown(body), moderation, created_at: now() });
    return proposalCommentFor(viewer, (await repo.findProposalComment(trx, commentId))!)!;
  });
}

/** The proposals anyone may read that were merged as these revisions (credited on the outcome page). */
export const mergedProposalsFor = (db: Db, revisionIds: number[]) => repo.listMergedInto(db, revisionIds);
