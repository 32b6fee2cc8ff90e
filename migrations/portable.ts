import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// What differs between the SQLite and the PostgreSQL schema, in one place, so each migration
// stays one file for both engines.

/** True when the migration runs on PostgreSQL. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A generated integer primary key: `AUTOINCREMENT` on SQLite (ids never reused), an identity column on PostgreSQL. */
export function autoId(db: Kysely<any>): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (column) => (isPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement());
}
