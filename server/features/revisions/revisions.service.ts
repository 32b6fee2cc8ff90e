import { createHash } from 'node:crypto';
import type { SectionDiff } from '../../contracts/revisions';
import type { Db } from '../../db/database';
import type { RevisionRow } from '../../db/schema';
import type { Trx } from '../../db/write-transaction';
import { type Block, renderDocument } from '../../markdown/render';
import { badRequest, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import { requireSection } from '../consultations/consultations.service';
import { presentRevisionSummary } from './revisions.presenter';
import { findRevisionBlocks, findRevisionById, findRevisionByNumber, insertRevision, latestRevisionNumber, listRevisionsSince, type RevisionWithAuthor } from './revisions.repository';
import { textDiff } from './text-diff';

// The feature's public face for other features and commands: the diff and merge algorithms, and
// the presenter of a revision, are used by proposals and by the publish and edit commands.
export { presentRevision } from './revisions.presenter';
export type { RevisionWithAuthor } from './revisions.repository';
export { textDiff } from './text-diff';
export { type ConflictChoice, type MergeResult, resolveConflicts, threeWayMerge } from './three-way-merge';

export interface PublishRevisionInput {
  sectionId: number;
  markdown: string;
  summary: string;
  authorId: number | null;
  /** When the text was published, if not now (a consultation's first text dates from its opening). */
  publishedAt?: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The blocks a revision's text was rendered into (stored as JSON beside it). */
export function blocksOf(revision: Pick<RevisionRow, 'blocks_json'>): Block[] {
  return JSON.parse(revision.blocks_json) as Block[];
}

/**
 * Appends the next revision of a section after `previousId` (the one it replaces, if any). Only
 * the revisions table changes: making it current, re-anchoring comments and telling viewers is
 * the publish-revision command's job, in the same transaction.
 */
export async function appendRevision(trx: Trx, input: PublishRevisionInput & { previousId: number | null; at: string }): Promise<RevisionWithAuthor> {
  const rendered = renderDocument(input.markdown);
  const id = await insertRevision(trx, {
    section_id: input.sectionId,
    number: (await latestRevisionNumber(trx, input.sectionId)) + 1,
    parent_id: input.previousId,
    markdown: input.markdown,
    html: rendered.html,
    blocks_json: JSON.stringify(rendered.blocks),
    summary: input.summary,
    author_id: input.authorId,
    sha256: sha256(input.markdown),
    created_at: input.at,
  });
  return (await findRevisionById(trx, id))!;
}

/** A revision by id (a section's current one, say). */
export async function revisionById(db: Db, id: number): Promise<RevisionWithAuthor | undefined> {
  return findRevisionById(db, id);
}

/** Revision `number` of a section, if there is one. */
export async function revisionByNumber(db: Db, sectionId: number, number: number): Promise<RevisionWithAuthor | undefined> {
  return findRevisionByNumber(db, sectionId, number);
}

/** The blocks of several revisions at once, by revision id (say, those a page of comments was written on). */
export async function blocksOfRevisions(db: Db, ids: number[]): Promise<Map<number, Block[]>> {
  return new Map((await findRevisionBlocks(db, ids)).map((revision) => [revision.id, blocksOf(revision)]));
}

export function checkSummary(summary: string): string {
  const trimmed = summary.trim();
  if (trimmed === '') throw badRequest('Describe your change in a few words.', 'summary');
  return trimmed;
}

/** The revision a section shows now (every section that `requireSection` returns has one). */
export async function currentRevision(db: Db, section: { current_revision_id: number | null }): Promise<RevisionWithAuthor> {
  return (await findRevisionById(db, section.current_revision_id!))!;
}

export function checkText(markdown: string, field: string): void {
  if (markdown.trim() === '') throw badRequest('Enter the text of the section.', field);
  refuseInvalidCharacters(markdown, field);
  refuseCostlyMarkdown(markdown, field);
}

/** Word diff between any two revisions of a section, in either order. */
export async function diffRevisions(db: Db, c: string, s: string, from: number, to: number): Promise<SectionDiff> {
  const { section } = await requireSection(db, c, s);
  const [before, after] = await Promise.all([findRevisionByNumber(db, section.id, from), findRevisionByNumber(db, section.id, to)]);
  if (!before || !after) throw notFound('Revision');
  return { from: presentRevisionSummary(before), to: presentRevisionSummary(after), diff: textDiff(before.markdown, after.markdown) };
}

/** Versions of these sections published after `since` (a consultation's opening), oldest first: what changed during and after it. */
export const revisionsPublishedSince = (db: Db, sectionIds: number[], since: string) => listRevisionsSince(db, sectionIds, since);
