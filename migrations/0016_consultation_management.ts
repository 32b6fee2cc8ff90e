import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Consultations managed in the app: marks on what was changed online (so reloading content/ leaves
// it alone), retired sections, and the public change log. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').addColumn('changed_in_app_at', 'text').execute();
  await db.schema.alterTable('sections').addColumn('changed_in_app_at', 'text').execute();
  await db.schema.alterTable('sections').addColumn('retired_at', 'text').execute();

  await db.schema
    .createTable('consultation_changes')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_changes_consultation').on('consultation_changes').columns(['consultation_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_changes').execute();
  for (const column of ['retired_at', 'changed_in_app_at']) await db.schema.alterTable('sections').dropColumn(column).execute();
  await db.schema.alterTable('consultations').dropColumn('changed_in_app_at').execute();
}
