import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ConsultationsTable, SectionsTable } from '../../db/schema';
import { prepared } from '../../db/prepared-query';

export async function listConsultations(db: Db) {
  return db.selectFrom('consultations').selectAll().orderBy('opens_at', 'desc').execute();
}

const consultationWithSlug = prepared((db: Db, slug: string) => db.selectFrom('consultations').selectAll().where('slug', '=', slug));

export async function findConsultationBySlug(db: Db, slug: string) {
  return (await consultationWithSlug(db, slug))[0];
}

export async function insertConsultation(db: Db, values: Insertable<ConsultationsTable>): Promise<number> {
  return (await db.insertInto('consultations').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateConsultation(db: Db, id: number, values: Updateable<ConsultationsTable>): Promise<void> {
  await db.updateTable('consultations').set(values).where('id', '=', id).execute();
}

/** Sections in reading order with their current revision number. */
export async function listSections(db: Db, consultationId: number) {
  return db
    .selectFrom('sections')
    .innerJoin('revisions', 'revisions.id', 'sections.current_revision_id')
    .select(['sections.id', 'sections.slug', 'sections.title', 'sections.position', 'sections.updated_at', 'revisions.number as revision'])
    .where('sections.consultation_id', '=', consultationId)
    .where('sections.retired_at', 'is', null)
    .orderBy('sections.position')
    .execute();
}

const sectionWithSlug = prepared((db: Db, consultationId: number, slug: string) => db.selectFrom('sections').selectAll().where('consultation_id', '=', consultationId).where('slug', '=', slug));

export async function findSection(db: Db, consultationId: number, slug: string) {
  return (await sectionWithSlug(db, consultationId, slug))[0];
}

export async function insertSection(db: Db, values: Insertable<SectionsTable>): Promise<number> {
  return (await db.insertInto('sections').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSection(db: Db, id: number, values: Updateable<SectionsTable>): Promise<void> {
  await db.updateTable('sections').set(values).where('id', '=', id).execute();
}

/** A section by id with its consultation, or undefined. */
export async function findSectionById(db: Db, id: number) {
  const section = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!section) return undefined;
  const consultation = await db.selectFrom('consultations').selectAll().where('id', '=', section.consultation_id).executeTakeFirstOrThrow();
  return { consultation, section };
}

export async function findConsultationRowById(db: Db, id: number) {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}
