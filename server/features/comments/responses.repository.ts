import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { prepared } from '../../db/prepared-query';
import { unindexed } from '../../db/unindexed';

// Responses, as response analysis reads them: the visible top-level comments of a consultation
// (replies are conversation, an official answer is the body's own words).

export interface ResponseText {
  id: number;
  consultation_id: number;
  section_id: number;
  section_slug: string;
  kind: string;
  body: string;
  author: string | null;
  created_at: string;
}

// The rule of what is a response is also `asNewResponse` (responses.service.ts), for a comment just written.
function visibleTopLevel(db: Db) {
  return (
    db
      .selectFrom('comments as cm')
      // Off the status index, which holds nearly every comment: lookups go by id or consultation.
      .where(unindexed(db, 'cm.status'), '=', 'visible')
      .where('cm.depth', '=', 1)
      .where('cm.official', '=', 0)
  );
}

function responses(db: Db) {
  return visibleTopLevel(db)
    .innerJoin('sections as s', 's.id', 'cm.section_id')
    .leftJoin('users as u', 'u.id', 'cm.author_id')
    .select(['cm.id', 'cm.consultation_id', 'cm.section_id', 's.slug as section_slug', 'cm.kind', 'cm.body', 'u.display_name as author', 'cm.created_at']);
}

/**
 * The visible response whose id is in the outer query's column `idColumn`, for `eb.exists(…)`:
 * correlated, so it is one primary-key look-up per outer row rather than a scan of every comment.
 */
export const visibleResponseAt = (db: Db, idColumn: string) => visibleTopLevel(db).select('cm.id').where('cm.id', '=', sql<number>`${sql.ref(idColumn)}`);

/** One keyset page of a consultation's responses in id order. */
export async function responsePage(db: Db, consultationId: number, afterId: number, limit: number): Promise<ResponseText[]> {
  // On the primary key (id order, no sort), as the exports do.
  return responses(db).where(unindexed(db, 'cm.consultation_id'), '=', consultationId).where('cm.id', '>', afterId).orderBy('cm.id').limit(limit).execute();
}

export async function responsesByIds(db: Db, ids: readonly number[]): Promise<ResponseText[]> {
  if (ids.length === 0) return [];
  return responsesWithIds(db, ids);
}

const responsesWithIds = prepared((db: Db, ids: readonly number[]) => responses(db).where('cm.id', 'in', [...ids]).orderBy('cm.id'));

/** Id and kind of every visible response of a consultation (for counting themes on the outcome). */
export async function responseKinds(db: Db, consultationId: number): Promise<{ id: number; kind: string }[]> {
  return visibleTopLevel(db).select(['cm.id', 'cm.kind']).where('cm.consultation_id', '=', consultationId).execute();
}
