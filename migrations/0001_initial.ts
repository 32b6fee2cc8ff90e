import { type Kysely, sql } from 'kysely';
import { autoId } from './portable';

// Portable SQL only: this file must run on SQLite and PostgreSQL and never import app code.
// Times are ISO-8601 UTC strings, which sort correctly as text on both.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('citizen'))
    .addColumn('blocked_at', 'text')
    .addColumn('blocked_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Usernames are unique without regard to case, and looked up that way.
  await db.schema.createIndex('users_username_lower').on('users').unique().expression(sql`lower(username)`).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('intro_markdown', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intro_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('outcome_markdown', 'text')
    .addColumn('outcome_html', 'text')
    .addColumn('outcome_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // Nullable only between inserting a section and publishing its first revision (same transaction).
    .addColumn('current_revision_id', 'integer')
    .addColumn('comments_closed_at', 'text')
    .addColumn('comments_closed_note', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sections_consultation_slug', ['consultation_id', 'slug'])
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('markdown', 'text', (c) => c.notNull())
    // Rendered once at write time so reads never run the Markdown pipeline.
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('blocks_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('revisions_section_number', ['section_id', 'number'])
    .execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['revisions', 'sections', 'consultations', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
