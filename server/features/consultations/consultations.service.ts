import type { ConsultationSummary } from '../../contracts/consultations';
import type { Db } from '../../db/database';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import type { Trx } from '../../db/write-transaction';
import { notFound } from '../../platform/errors';
import { findConsultationBySlug, findConsultationRowById, findSection, findSectionById, listConsultations, listSections, updateSection } from './consultations.repository';
import { phaseOf } from './consultations.policy';
import { listAllSections } from './consultation-management.repository';

export function presentSummary(row: ConsultationRow): ConsultationSummary {
  return { slug: row.slug, title: row.title, summary: row.summary, opensAt: row.opens_at, closesAt: row.closes_at, phase: phaseOf(row) };
}

export async function getConsultations(db: Db): Promise<ConsultationSummary[]> {
  return (await listConsultations(db)).map(presentSummary);
}

export async function requireConsultation(db: Db, slug: string): Promise<ConsultationRow> {
  const consultation = await findConsultationBySlug(db, slug);
  if (!consultation) throw notFound('Consultation');
  return consultation;
}

/** A consultation by id (notifications about it), or undefined. */
export const consultationById = (db: Db, id: number) => findConsultationRowById(db, id);

/** Resolves the `:c/:s` pair every section route starts from. */
export async function requireSection(db: Db, consultationSlug: string, sectionSlug: string): Promise<{ consultation: ConsultationRow; section: SectionRow }> {
  const consultation = await requireConsultation(db, consultationSlug);
  const section = await findSection(db, consultation.id, sectionSlug);
  if (!section || section.current_revision_id === null) throw notFound('Section');
  return { consultation, section };
}

/** A section known to exist (by id), with its consultation. */
export async function sectionById(db: Db, sectionId: number): Promise<{ consultation: ConsultationRow; section: SectionRow }> {
  return (await findSectionById(db, sectionId))!;
}

/** Sections in reading order with their current revision number. */
export const sectionsOf = listSections;

// Consultations own the `sections` table: other features change a section's current revision,
// proposal lock or comment closing only through these three writes.

export async function setCurrentRevision(trx: Trx, sectionId: number, revisionId: number, at: string): Promise<void> {
  await updateSection(trx, sectionId, { current_revision_id: revisionId, updated_at: at });
}

/** Locks the section against new proposals (`lock` null lifts it). */
export async function setSectionLock(trx: Trx, sectionId: number, lock: { at: string; by: number; reason: string | null } | null): Promise<void> {
  await updateSection(trx, sectionId, { locked_at: lock?.at ?? null, locked_by: lock?.by ?? null, locked_reason: lock?.reason ?? null });
}

/** Closes the section's comments with a public note (`closed` null reopens them). */
export async function setSectionComments(trx: Trx, sectionId: number, closed: { at: string; note: string } | null): Promise<void> {
  await updateSection(trx, sectionId, { comments_closed_at: closed?.at ?? null, comments_closed_note: closed?.note ?? null });
}

/** Every section with text, in reading order, retired ones included (the outcome reports on them too). */
export async function allSectionsOf(db: Db, consultationId: number): Promise<SectionRow[]> {
  return (await listAllSections(db, consultationId)).filter((section) => section.current_revision_id !== null);
}
