import type { Db } from '../../db/database';
import type { NewRevision, RevisionRow } from '../../db/schema';
import { prepared } from '../../db/prepared-query';

/** Revision rows plus their author's public name. */
export type RevisionWithAuthor = RevisionRow & { author_username: string | null; author_display_name: string | null };

function selectWithAuthor(db: Db) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .selectAll('revisions')
    .select(['users.username as author_username', 'users.display_name as author_display_name']);
}

const revisionWithId = prepared((db: Db, id: number) => selectWithAuthor(db).where('revisions.id', '=', id));

export async function findRevisionById(db: Db, id: number): Promise<RevisionWithAuthor | undefined> {
  return (await revisionWithId(db, id))[0];
}

export async function findRevisionByNumber(db: Db, sectionId: number, number: number): Promise<RevisionWithAuthor | undefined> {
  return selectWithAuthor(db).where('revisions.section_id', '=', sectionId).where('revisions.number', '=', number).executeTakeFirst();
}

/** Newest first, without the (large) text columns. */
export async function listRevisions(db: Db, sectionId: number) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .select([
      'revisions.number',
      'revisions.summary',
      'revisions.sha256',
      'revisions.created_at',
      'users.username as author_username',
      'users.display_name as author_display_name',
    ])
    .where('revisions.section_id', '=', sectionId)
    .orderBy('revisions.number', 'desc')
    .execute();
}

export async function latestRevisionNumber(db: Db, sectionId: number): Promise<number> {
  const row = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('section_id', '=', sectionId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Revisions are append-only: there is deliberately no update or delete here. */
export async function insertRevision(db: Db, revision: NewRevision): Promise<number> {
  const row = await db.insertInto('revisions').values(revision).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The blocks of several revisions at once (say, those a page of comments was written on). */
export async function findRevisionBlocks(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('revisions').select(['id', 'number', 'blocks_json']).where('id', 'in', ids).execute();
}

/** A section's lock, with the public name of the editor who set it. */
export async function findSectionLock(db: Db, sectionId: number) {
  return db
    .selectFrom('sections')
    .leftJoin('users', 'users.id', 'sections.locked_by')
    .select(['sections.locked_at', 'sections.locked_reason', 'users.username as locked_by_username', 'users.display_name as locked_by_display_name'])
    .where('sections.id', '=', sectionId)
    .executeTakeFirstOrThrow();
}

/** Revisions of these sections published after `since`, oldest first, without the text columns. */
export async function listRevisionsSince(db: Db, sectionIds: number[], since: string) {
  if (sectionIds.length === 0) return [];
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .select(['revisions.id', 'revisions.section_id', 'revisions.number', 'revisions.summary', 'revisions.created_at', 'users.username as author_username', 'users.display_name as author_display_name'])
    .where('revisions.section_id', 'in', sectionIds)
    .where('revisions.created_at', '>', since)
    .orderBy('revisions.section_id')
    .orderBy('revisions.number')
    .execute();
}
