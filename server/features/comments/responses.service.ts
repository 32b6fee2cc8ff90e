import type { Db } from '../../db/database';
import { type ResponseText, responseKinds, responsePage, responsesByIds, visibleResponseAt } from './responses.repository';

// For response analysis: the comments feature owns the comments table, so analysis reads
// responses only through these.
export type { ResponseText };

const PAGE = 2_000;

/** Every visible top-level response of a consultation, in pages (the caller yields between them). */
export async function* consultationResponses(db: Db, consultationId: number): AsyncGenerator<ResponseText[]> {
  for (let after = 0; ; ) {
    const page = await responsePage(db, consultationId, after, PAGE);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.id;
  }
}

/** A response as analysis files it the moment it is written. */
export type NewResponse = Pick<ResponseText, 'id' | 'consultation_id' | 'section_id' | 'kind'>;

/** The comment just written as a response, or null when it is not one: the rule of `visibleTopLevel`, without reading it back. */
export function asNewResponse(row: NewResponse & { status: string; depth: number; official: number }): NewResponse | null {
  if (row.status !== 'visible' || row.depth !== 1 || row.official !== 0) return null;
  return { id: row.id, consultation_id: row.consultation_id, section_id: row.section_id, kind: row.kind };
}

/** The visible responses among `ids` (hidden or deleted ones are left out). */
export const visibleResponses = (db: Db, ids: readonly number[]) => responsesByIds(db, ids);

/** For `eb.exists(…)`: the response whose id is in column `idColumn` is visible (campaign sizes count only these). */
export const visibleResponseAtColumn = (db: Db, idColumn: string) => visibleResponseAt(db, idColumn);

/** Id and kind of every visible response of a consultation: the ones the outcome counts and quotes. */
export const visibleResponseKinds = (db: Db, consultationId: number) => responseKinds(db, consultationId);
