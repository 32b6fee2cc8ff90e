import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ConsultationChangesTable } from '../../db/schema';

// The SQL of running a consultation from the app: every section (retired ones too) and the change log.

/** Every section of the consultation in reading order, retired ones included. */
export async function listAllSections(db: Db, consultationId: number) {
  return db.selectFrom('sections').selectAll().where('consultation_id', '=', consultationId).orderBy('position').orderBy('id').execute();
}

export async function insertChange(db: Db, values: Insertable<ConsultationChangesTable>): Promise<number> {
  return (await db.insertInto('consultation_changes').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** The change log, newest first, with who made each change and the section it was about. */
export async function listChanges(db: Db, consultationId: number, limit: number) {
  return db
    .selectFrom('consultation_changes as ch')
    .leftJoin('users', 'users.id', 'ch.actor_id')
    .leftJoin('sections', 'sections.id', 'ch.section_id')
    .select([
      'ch.id',
      'ch.kind',
      'ch.description',
      'ch.before_value',
      'ch.after_value',
      'ch.created_at',
      'users.username',
      'users.display_name',
      'sections.slug as section_slug',
      'sections.title as section_title',
    ])
    .where('ch.consultation_id', '=', consultationId)
    .orderBy('ch.id', 'desc')
    .limit(limit)
    .execute();
}
export type ChangeRow = Awaited<ReturnType<typeof listChanges>>[number];
