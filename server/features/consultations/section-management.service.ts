import type { AddSectionBody } from '../../contracts/consultation-management';
import type { Db } from '../../db/database';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, conflict } from '../../platform/errors';
import { invalidFields } from '../../platform/form-errors';
import type { CurrentUser } from '../auth/current-user';
import { recordChange } from './change-log.service';
import { listAllSections } from './consultation-management.repository';
import { mayManageConsultation, RESERVED_SECTION_SLUGS } from './consultations.policy';
import { findSection, insertSection, updateSection } from './consultations.repository';
import { requireConsultation, requireSection, setSectionComments, setSectionLock } from './consultations.service';

// Editors add, rename, reorder and retire sections. Each change is marked `changed_in_app_at`, so
// loading content/ again never undoes it, and recorded in the public change log.

function liveSection(section: SectionRow): void {
  if (section.retired_at) throw conflict('section_retired', `The section "${section.title}" has been retired, so it cannot change.`);
}

/**
 * Adds an empty section at the end of the consultation, in the caller's transaction; the add-section
 * command publishes its first text in the same transaction. Returns the new section's id.
 */
export async function addSection(trx: Trx, viewer: CurrentUser | null, slug: string, input: AddSectionBody): Promise<{ consultation: ConsultationRow; sectionId: number }> {
  enforce(mayManageConsultation(viewer));
  const consultation = await requireConsultation(trx, slug);
  const title = input.title.trim();
  if (title === '') throw badRequest('Enter the title of the section.', 'title');
  if (RESERVED_SECTION_SLUGS.has(input.slug)) {
    throw invalidFields([{ field: 'slug', code: 'invalid_input', message: `"${input.slug}" is the address of one of the consultation's own pages. Choose another web address.` }]);
  }
  if (await findSection(trx, consultation.id, input.slug)) {
    throw invalidFields([{ field: 'slug', code: 'slug_taken', message: `This consultation already has a section at "${input.slug}". Choose another web address.` }]);
  }
  const sections = await listAllSections(trx, consultation.id);
  const at = now();
  const position = Math.max(0, ...sections.map((s) => s.position)) + 1;
  const sectionId = await insertSection(trx, { consultation_id: consultation.id, slug: input.slug, title, position, updated_at: at, changed_in_app_at: at });
  await recordChange(trx, consultation, viewer!, { kind: 'section_added', description: `Added the section "${title}"`, section: { id: sectionId, slug: input.slug, title } }, at);
  return { consultation, sectionId };
}

export async function renameSection(db: Db, viewer: CurrentUser | null, c: string, s: string, newTitle: string): Promise<void> {
  enforce(mayManageConsultation(viewer));
  const title = newTitle.trim();
  if (title === '') throw badRequest('Enter the new title of the section.', 'title');
  await writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    liveSection(section);
    if (title === section.title) return;
    const at = now();
    await updateSection(trx, section.id, { title, changed_in_app_at: at, updated_at: at });
    const change = { kind: 'section_renamed' as const, description: `Renamed the section "${section.title}" to "${title}"`, before: section.title, after: title };
    await recordChange(trx, consultation, viewer!, { ...change, section: { id: section.id, slug: section.slug, title } }, at);
  });
}

/** Puts the listed sections in the order given: `slugs` must name each of them once. */
export async function reorderSections(db: Db, viewer: CurrentUser | null, c: string, slugs: string[]): Promise<void> {
  enforce(mayManageConsultation(viewer));
  await writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, c);
    const listed = (await listAllSections(trx, consultation.id)).filter((s) => !s.retired_at && s.current_revision_id !== null);
    const bySlug = new Map(listed.map((s) => [s.slug, s]));
    const complete = slugs.length === listed.length && new Set(slugs).size === slugs.length && slugs.every((slug) => bySlug.has(slug));
    if (!complete) throw badRequest(`List each of the ${listed.length} sections once, in the new order.`, 'sections');
    if (slugs.every((slug, index) => listed[index]!.slug === slug)) return;
    const at = now();
    for (const [index, slug] of slugs.entries()) {
      await updateSection(trx, bySlug.get(slug)!.id, { position: index + 1, changed_in_app_at: at });
    }
    const titles = (order: string[]) => order.map((slug) => bySlug.get(slug)!.title).join(' · ');
    const change = { kind: 'sections_reordered' as const, description: 'Changed the order of the sections', before: titles(listed.map((s) => s.slug)), after: titles(slugs) };
    await recordChange(trx, consultation, viewer!, change, at);
  });
}

/**
 * Retires a section: it leaves the list of sections and takes no more comments or proposals, but
 * its text, history and comments stay readable at its address (links to them keep working).
 */
export async function retireSection(db: Db, viewer: CurrentUser | null, c: string, s: string, givenReason: string): Promise<void> {
  enforce(mayManageConsultation(viewer));
  const reason = givenReason.trim();
  if (reason === '') throw badRequest('Say why the section is retired: readers of it will see the reason.', 'reason');
  await writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    liveSection(section);
    const at = now();
    await updateSection(trx, section.id, { retired_at: at, changed_in_app_at: at });
    const note = `This section was retired: ${reason}`;
    await setSectionComments(trx, section.id, { at, note });
    await setSectionLock(trx, section.id, { at, by: viewer!.id, reason: note });
    const change = { kind: 'section_retired' as const, description: `Retired the section "${section.title}"`, after: reason };
    await recordChange(trx, consultation, viewer!, { ...change, section: { id: section.id, slug: section.slug, title: section.title } }, at);
  });
}
