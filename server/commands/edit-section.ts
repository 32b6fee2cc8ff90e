import type { RevisionDetail } from '../contracts/consultations';
import type { EditSectionBody, EditSectionResult, MergeConflictDetails } from '../contracts/revisions';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { requireSection } from '../features/consultations/consultations.service';
import { mayEditSection } from '../features/revisions/revisions.policy';
import { checkSummary, checkText, currentRevision, presentRevision, revisionByNumber, threeWayMerge } from '../features/revisions/revisions.service';
import { renderDocumentOffThread } from '../markdown/render-off-thread';
import { enforce } from '../platform/decisions';
import { badRequest, conflict, notFound } from '../platform/errors';
import { publishRevision } from './publish-revision';
import { renderBeforeLock } from './render-before-lock';

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
  // Rendered before the write lock is taken, and so is the text a merge makes of it: publishing finds both rendered.
  await renderDocumentOffThread(text, field);
  const edit: Edit = { c, s, text, baseNumber, resolving };
  await renderBeforeLock(field, async () => (await textToSave(db, edit)).markdown);

  return writeTransaction(db, async (trx) => {
    const { section, current, markdown } = await textToSave(trx, edit);
    const revision = await publishRevision(trx, { sectionId: section.id, markdown, summary, authorId: viewer!.id });
    return { revision: presentRevision(revision), merged: baseNumber !== current.number };
  });
}

interface Edit {
  c: string;
  s: string;
  text: string;
  baseNumber: number;
  resolving: boolean;
}

/** The text an edit saves: the editor's, merged three ways with what landed since their base. */
async function textToSave(db: Db, { c, s, text, baseNumber, resolving }: Edit) {
  const { section } = await requireSection(db, c, s);
  const current = await currentRevision(db, section);
  let markdown = text;
  if (baseNumber !== current.number) {
    const base = await revisionByNumber(db, section.id, baseNumber);
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
  return { section, current, markdown };
}

/** Publishes revision `number`'s text as a new revision; history is never rewritten. */
export async function revertSection(db: Db, viewer: CurrentUser | null, c: string, s: string, number: number, summary?: string): Promise<RevisionDetail> {
  enforce(mayEditSection(viewer));
  const given = summary === undefined ? undefined : checkSummary(summary);
  await renderBeforeLock('number', async () => (await revisionToRestore(db, c, s, number)).markdown);
  return writeTransaction(db, async (trx) => {
    const { section, markdown } = await revisionToRestore(trx, c, s, number);
    const revision = await publishRevision(trx, { sectionId: section.id, markdown, summary: given ?? `Reverted to version ${number}`, authorId: viewer!.id });
    return presentRevision(revision);
  });
}

async function revisionToRestore(db: Db, c: string, s: string, number: number) {
  const { section } = await requireSection(db, c, s);
  const target = await revisionByNumber(db, section.id, number);
  if (!target) throw notFound('Revision');
  const current = await currentRevision(db, section);
  if (target.markdown === current.markdown) throw conflict('no_change', `Version ${number} has the same text as the current version, so there is nothing to revert.`);
  return { section, markdown: target.markdown };
}

