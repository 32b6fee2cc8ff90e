import { type Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// Top-level comments counted by section, kind, passage (block id, '' for none) and status, kept
// by triggers on `comments`, so the counts on a section page or a consultation page are a read of
// a few rows however many comments there are, and stay right whichever code path (or CLI, or
// direct SQL) changes a comment: insert, delete, and any change of its section, kind, passage,
// status or thread.
const KEY = ['section_id', 'kind', 'block_id', 'status'] as const;
const COUNTED = 'section_id, kind, block_id, status, root_id';

const changed = (a: string, b: string) => COUNTED.split(', ').map((column) => `${a}.${column} IS DISTINCT FROM ${b}.${column}`).join(' OR ');
const matches = (row: string) => `section_id = ${row}.section_id AND kind = ${row}.kind AND block_id = coalesce(${row}.block_id, '') AND status = ${row}.status`;
const addOne = (row: string) =>
  `INSERT INTO comment_counters (${KEY.join(', ')}, n) SELECT ${row}.section_id, ${row}.kind, coalesce(${row}.block_id, ''), ${row}.status, 1 WHERE ${row}.root_id IS NULL
     ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = comment_counters.n + 1`;
const takeOne = (row: string) => `UPDATE comment_counters SET n = n - 1 WHERE ${row}.root_id IS NULL AND ${matches(row)}`;

const SQLITE = [
  `CREATE TRIGGER comment_counters_insert AFTER INSERT ON comments BEGIN ${addOne('new')}; END`,
  `CREATE TRIGGER comment_counters_delete AFTER DELETE ON comments BEGIN ${takeOne('old')}; END`,
  `CREATE TRIGGER comment_counters_update AFTER UPDATE OF ${COUNTED} ON comments WHEN ${changed('old', 'new').replaceAll('IS DISTINCT FROM', 'IS NOT')}
     BEGIN ${takeOne('old')}; ${addOne('new')}; END`,
];

const POSTGRES = [
  `CREATE FUNCTION comment_counters_keep() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP IN ('UPDATE', 'DELETE') THEN ${takeOne('OLD')}; END IF;
     IF TG_OP IN ('UPDATE', 'INSERT') THEN ${addOne('NEW')}; END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER comment_counters_insert_delete AFTER INSERT OR DELETE ON comments FOR EACH ROW EXECUTE FUNCTION comment_counters_keep()`,
  `CREATE TRIGGER comment_counters_update AFTER UPDATE OF ${COUNTED} ON comments FOR EACH ROW WHEN (${changed('OLD', 'NEW')}) EXECUTE FUNCTION comment_counters_keep()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment_counters')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_counters_key', [...KEY])
    .execute();
  // A literal, not a parameter: PostgreSQL must see the grouped and the selected expression as one.
  const blockId = sql<string>`coalesce(block_id, '')`;
  await db
    .insertInto('comment_counters')
    .columns([...KEY, 'n'])
    .expression(
      db
        .selectFrom('comments')
        .select((eb) => ['section_id', 'kind', blockId.as('block_id'), 'status', eb.fn.countAll().as('n')])
        .where('root_id', 'is', null)
        .groupBy(['section_id', 'kind', blockId, 'status']),
    )
    .execute();
  for (const statement of isPostgres(db) ? POSTGRES : SQLITE) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const drops = isPostgres(db)
    ? ['DROP TRIGGER comment_counters_update ON comments', 'DROP TRIGGER comment_counters_insert_delete ON comments', 'DROP FUNCTION comment_counters_keep()']
    : ['DROP TRIGGER comment_counters_update', 'DROP TRIGGER comment_counters_delete', 'DROP TRIGGER comment_counters_insert'];
  for (const statement of drops) await sql.raw(statement).execute(db);
  await db.schema.dropTable('comment_counters').execute();
}
