import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { QuestionsTable } from '../../db/schema';

/** Questions with their section, in the consultation's order. */
function selectQuestions(db: Db) {
  return db
    .selectFrom('questions as q')
    .innerJoin('sections as s', 's.id', 'q.section_id')
    .select(['q.id', 'q.consultation_id', 'q.section_id', 'q.position', 'q.text', 's.slug as section_slug', 's.title as section_title']);
}

export type QuestionWithSection = Awaited<ReturnType<ReturnType<typeof selectQuestions>['executeTakeFirstOrThrow']>>;

export async function listQuestions(db: Db, consultationId: number): Promise<QuestionWithSection[]> {
  return selectQuestions(db).where('q.consultation_id', '=', consultationId).orderBy('q.position').orderBy('q.id').execute();
}

export async function findQuestion(db: Db, id: number): Promise<QuestionWithSection | undefined> {
  return selectQuestions(db).where('q.id', '=', id).executeTakeFirst();
}

export async function lastPosition(db: Db, consultationId: number): Promise<number> {
  const row = await db.selectFrom('questions').select((eb) => eb.fn.max('position').as('last')).where('consultation_id', '=', consultationId).executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function insertQuestion(db: Db, values: Insertable<QuestionsTable>): Promise<number> {
  return (await db.insertInto('questions').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateQuestion(db: Db, id: number, values: Updateable<QuestionsTable>): Promise<void> {
  await db.updateTable('questions').set(values).where('id', '=', id).execute();
}
