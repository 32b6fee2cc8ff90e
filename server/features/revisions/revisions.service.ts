import { createHash } from 'node:crypto';
import type { EditSectionBody, EditSectionResult, MergeConflictDetails, SectionDiff } from '../../contracts/revisions';
import type { RevisionDetail } from '../../contracts/consultations';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent, sectionChannel } from '../../events/event-log';
import { type Block, renderDocument } from '../../markdown/render';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { requireSection } from '../consultations/consultations.service';
import { reanchorComments } from '../comments/anchoring/anchoring.service';
import { mayEditSection } from './revisions.policy';
import { presentRevision, presentRevisionSummary } from './revisions.presenter';
import { findRevisionById, findRevisionByNumber, insertRevision, latestRevisionNumber, type RevisionWithAuthor } from './revisions.repository';
import { textDiff } from './text-diff';
import { threeWayMerge } from './three-way-merge';

export interface PublishRevisionInput {
  sectionId: number;
  markdown: string;
  summary: string;
  authorId: number | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Appends a new revision to a section, makes it current and re-anchors the section's comments
 * onto it. The caller passes a transaction so the revision, the moved anchors and whatever
 * prompted them commit together.
 */
export async function publishRevision(trx: Db, input: PublishRevisionInput) {
  const section = await trx
    .selectFrom('sections')
    .innerJoin('consultations', 'consultations.id', 'sections.consultation_id')
    .select(['sections.current_revision_id', 'sections.slug', 'consultations.slug as consultation_slug'])
    .where('sections.id', '=', input.sectionId)
    .executeTakeFirstOrThrow();
  const previous = section.current_revision_id === null ? undefined : await findRevisionById(trx, section.current_revision_id);
  const rendered = renderDocument(input.markdown);
  const createdAt = now();
  const id = await insertRevision(trx, {
    section_id: input.sectionId,
    number: (await latestRevisionNumber(trx, input.sectionId)) + 1,
    parent_id: section.current_revision_id,
    markdown: input.markdown,
    html: rendered.html,
    blocks_json: JSON.stringify(rendered.blocks),
    summary: input.summary,
    author_id: input.authorId,
    sha256: sha256(input.markdown),
    created_at: createdAt,
  });
  await trx.updateTable('sections').set({ current_revision_id: id, updated_at: createdAt }).where('id', '=', input.sectionId).execute();
  const comments = previous ? await reanchorComments(trx, input.sectionId, JSON.parse(previous.blocks_json) as Block[], rendered.blocks) : { moved: 0, orphaned: 0 };
  const revision = (await findRevisionById(trx, id))!;
  await appendEvent(trx, sectionChannel(section.consultation_slug, section.slug), 'revision.published', {
    number: revision.number,
    summary: revision.summary,
    author: revision.author_username ? { username: revision.author_username, displayName: revision.author_display_name } : null,
    createdAt,
    // Viewers reload the comments when anchors moved; counts cover comments listed to everyone.
    comments,
  });
  return revision;
}

function checkText(markdown: string, field: string): void {
  if (markdown.trim() === '') throw badRequest('Enter the text of the section.', field);
  // A lone surrogate cannot be stored as UTF-8, so it would not come back as sent.
  if (/\p{Cs}/u.test(markdown)) throw badRequest('The text contains characters that are not valid text.', field);
}

function checkSummary(summary: string): string {
  const trimmed = summary.trim();
  if (trimmed === '') throw badRequest('Describe your change in a few words.', 'summary');
  return trimmed;
}

/** The revision a section shows now (every section that `requireSection` returns has one). */
async function currentRevision(trx: Db, section: { current_revision_id: number | null }): Promise<RevisionWithAuthor> {
  return (await findRevisionById(trx, section.current_revision_id!))!;
}

/**
 * An editor's direct edit, written on `baseRevision`. If other revisions landed since, their
 * changes and the editor's are merged three ways; overlapping changes are refused with a 409
 * `merge_conflict` carrying the conflicts (the editor's text included) and nothing is saved.
 * After resolving them the client saves `resolvedMarkdown` against the `currentRevision` it
 * resolved with — which is merged again if yet another revision has landed meanwhile.
 */
export async function editSection(db: Db, viewer: CurrentUser | null, c: string, s: string, input: EditSectionBody): Promise<EditSectionResult> {
  enforce(mayEditSection(viewer));
  const resolving = input.resolvedMarkdown !== undefined;
  if (resolving && input.currentRevision === undefined) throw badRequest('Send the version the conflicts were resolved against.', 'currentRevision');
  const field = resolving ? 'resolvedMarkdown' : 'markdown';
  const text = input.resolvedMarkdown ?? input.markdown;
  const baseNumber = resolving ? input.currentRevision! : input.baseRevision;
  checkText(text, field);
  const summary = checkSummary(input.summary);

  return writeTransaction(db, async (trx) => {
    const { section } = await requireSection(trx, c, s);
    const current = await currentRevision(trx, section);
    let markdown = text;
    if (baseNumber !== current.number) {
      const base = await findRevisionByNumber(trx, section.id, baseNumber);
      if (!base) throw badRequest(`There is no version ${baseNumber} of this section.`, resolving ? 'currentRevision' : 'baseRevision');
      const merge = threeWayMerge(base.markdown, current.markdown, text);
      if (!merge.clean) {
        const details: MergeConflictDetails = { chunks: merge.chunks, currentRevision: current.number };
        throw conflict(
          'merge_conflict',
          `Someone else changed the same part of this section while you were editing (version ${current.number}). Choose which text to keep for each conflict, then save again.`,
          { ...details },
        );
      }
      markdown = merge.text;
    }
    if (markdown === current.markdown) throw conflict('no_change', 'The current version already has this text, so there is nothing to save.');
    const revision = await publishRevision(trx, { sectionId: section.id, markdown, summary, authorId: viewer!.id });
    return { revision: presentRevision(revision), merged: baseNumber !== current.number };
  });
}

/** Publishes revision `number`'s text as a new revision; history is never rewritten. */
export async function revertSection(db: Db, viewer: CurrentUser | null, c: string, s: string, number: number, summary?: string): Promise<RevisionDetail> {
  enforce(mayEditSection(viewer));
  const given = summary === undefined ? undefined : checkSummary(summary);
  return writeTransaction(db, async (trx) => {
    const { section } = await requireSection(trx, c, s);
    const target = await findRevisionByNumber(trx, section.id, number);
    if (!target) throw notFound('Revision');
    const current = await currentRevision(trx, section);
    if (target.markdown === current.markdown) throw conflict('no_change', `Version ${number} has the same text as the current version, so there is nothing to revert.`);
    const revision = await publishRevision(trx, { sectionId: section.id, markdown: target.markdown, summary: given ?? `Reverted to version ${number}`, authorId: viewer!.id });
    return presentRevision(revision);
  });
}

/** Word diff between any two revisions of a section, in either order. */
export async function diffRevisions(db: Db, c: string, s: string, from: number, to: number): Promise<SectionDiff> {
  const { section } = await requireSection(db, c, s);
  const [before, after] = await Promise.all([findRevisionByNumber(db, section.id, from), findRevisionByNumber(db, section.id, to)]);
  if (!before || !after) throw notFound('Revision');
  return { from: presentRevisionSummary(before), to: presentRevisionSummary(after), diff: textDiff(before.markdown, after.markdown) };
}
