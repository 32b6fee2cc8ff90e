import { CompiledQuery, type KyselyPlugin } from 'kysely';
import type { Db } from '../../server/db/database';
import { onPostgres } from './test-app';

/** The plan of the first query `read` sends, as the engine would run it with the same parameters. */
export async function planOf(db: Db, read: (db: Db) => Promise<unknown>): Promise<string> {
  let sent: CompiledQuery | undefined;
  const capture: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      sent ??= db.getExecutor().compileQuery(node, queryId);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  await read(db.withPlugin(capture));
  const explain = onPostgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN';
  const { rows } = await db.executeQuery(CompiledQuery.raw(`${explain} ${sent!.sql}`, [...sent!.parameters]));
  return rows.map((row) => Object.values(row as Record<string, unknown>).join(' ')).join('\n');
}

/** Whether the plan sorts rows itself rather than reading them in order. */
export const sorts = (plan: string) => (onPostgres ? /\bSort\b/.test(plan) : /USE TEMP B-TREE FOR ORDER BY/.test(plan));
