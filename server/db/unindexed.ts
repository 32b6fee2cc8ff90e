import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database';
import { usesPostgres } from './postgres';

/**
 * A column SQLite will not look a row up by. SQLite keeps no statistics here, so it takes any
 * index whose columns a condition fixes, even one on a column nearly every row shares (a
 * comment's status, its consultation), and then reads most of the table; unary + leaves it the
 * index that narrows, or the primary key's order. PostgreSQL plans from statistics (and has no
 * + for text), so it gets the column itself.
 */
export function unindexed<T>(db: Db, column: string): RawBuilder<T> {
  return usesPostgres(db) ? sql<T>`${sql.ref(column)}` : sql<T>`+${sql.ref(column)}`;
}
