import { type Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// Accent-insensitive search on PostgreSQL, as FTS5's `remove_diacritics 2` on SQLite ("cafe" finds
// "café" and the reverse): the `unaccent` dictionary (PostgreSQL's contrib, shipped with Debian's
// postgresql) runs before the English stemmer in `agora_search`, so the indexed text, the query and
// the highlighted snippet all fold accents. The extension belongs to the database, not the schema:
// it lives in `public` (or wherever it already is) and the mapping names it there, so every schema
// on the database shares it. Without the extension available or the right to create it (trusted
// since PostgreSQL 13: a database owner may), search stays accent-sensitive, as before.
const FOLDED_TOKENS = 'asciiword, asciihword, hword_asciipart, word, hword, hword_part';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const dictionarySchema = await unaccentSchema(db);
  if (!dictionarySchema) return;
  await sql`ALTER TEXT SEARCH CONFIGURATION agora_search ALTER MAPPING FOR ${sql.raw(FOLDED_TOKENS)} WITH ${sql.id(dictionarySchema, 'unaccent')}, agora_english`.execute(db);
  await reindex(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`ALTER TEXT SEARCH CONFIGURATION agora_search ALTER MAPPING FOR ${FOLDED_TOKENS} WITH agora_english`).execute(db);
  await reindex(db);
}

/** The schema holding the `unaccent` extension, created in `public` when available and allowed; undefined otherwise. */
async function unaccentSchema(db: Kysely<any>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null; available: boolean; allowed: boolean }>`
    SELECT (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent') AS schema,
           EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') AS available,
           has_database_privilege(current_database(), 'CREATE') AS allowed`.execute(db);
  const { schema, available, allowed } = rows[0]!;
  if (schema) return schema;
  if (!available || !allowed) return undefined;
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db);
  return 'public';
}

/** The expression indexes of migration 0014 were built with the old mapping. */
async function reindex(db: Kysely<any>): Promise<void> {
  for (const index of ['comments_tsv', 'revisions_tsv']) await sql`REINDEX INDEX ${sql.id(index)}`.execute(db);
}
