import type { CreateQuestionBody, QuestionList, QuestionView, UpdateQuestionBody } from '../../contracts/questions';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { mayAct } from '../auth/users.policy';
import { phaseOf } from '../consultations/consultations.policy';
import { requireConsultation, sectionsOf } from '../consultations/consultations.service';
import { numberQuestions } from './questions.presenter';
import { mayManageQuestions } from './questions.policy';
import * as repo from './questions.repository';

/** A consultation's questions, numbered, in order. */
export async function questionsOf(db: Db, consultationId: number): Promise<QuestionView[]> {
  return numberQuestions(await repo.listQuestions(db, consultationId));
}

export async function listQuestionsFor(db: Db, viewer: CurrentUser | null, slug: string): Promise<QuestionList> {
  const consultation = await requireConsultation(db, slug);
  return {
    questions: await questionsOf(db, consultation.id),
    can: { manage: mayManageQuestions(viewer).allowed, answer: mayAct(viewer).allowed && phaseOf(consultation) === 'open' },
  };
}

function checkText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw badRequest('Enter the question.', 'text');
  refuseInvalidCharacters(trimmed, 'text', 'The question');
  return trimmed;
}

/** The section a question goes in, named by slug: a 400 on `section` when the consultation has no such section. */
async function sectionIdOf(db: Db, consultationId: number, slug: string): Promise<number> {
  const section = (await sectionsOf(db, consultationId)).find((s) => s.slug === slug);
  if (!section) throw badRequest('Choose one of this consultation’s sections.', 'section');
  return section.id;
}

/** The question as now numbered in its consultation. */
async function viewOf(trx: Db, consultationId: number, id: number): Promise<QuestionView> {
  return (await questionsOf(trx, consultationId)).find((q) => q.id === id)!;
}

export async function createQuestion(db: Db, viewer: CurrentUser | null, slug: string, input: CreateQuestionBody): Promise<QuestionView> {
  enforce(mayManageQuestions(viewer));
  return writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, slug);
    const text = checkText(input.text);
    const sectionId = await sectionIdOf(trx, consultation.id, input.section);
    const time = now();
    const position = (await repo.lastPosition(trx, consultation.id)) + 1;
    const id = await repo.insertQuestion(trx, { consultation_id: consultation.id, section_id: sectionId, position, text, created_at: time, updated_at: time });
    return viewOf(trx, consultation.id, id);
  });
}

export async function updateQuestion(db: Db, viewer: CurrentUser | null, id: number, input: UpdateQuestionBody): Promise<QuestionView> {
  enforce(mayManageQuestions(viewer));
  return writeTransaction(db, async (trx) => {
    const question = await repo.findQuestion(trx, id);
    if (!question) throw notFound('Question');
    const text = input.text === undefined ? question.text : checkText(input.text);
    const sectionId = input.section === undefined ? question.section_id : await sectionIdOf(trx, question.consultation_id, input.section);
    await repo.updateQuestion(trx, id, { text, section_id: sectionId, updated_at: now() });
    return viewOf(trx, question.consultation_id, id);
  });
}

/** Puts the questions in the order of `ids`, which must name each of the consultation's questions once. */
export async function reorderQuestions(db: Db, viewer: CurrentUser | null, slug: string, ids: number[]): Promise<QuestionView[]> {
  enforce(mayManageQuestions(viewer));
  return writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, slug);
    const existing = await repo.listQuestions(trx, consultation.id);
    const known = new Set(existing.map((q) => q.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((qid) => !known.has(qid))) {
      throw badRequest('List every question of this consultation once, in the new order.', 'ids');
    }
    const time = now();
    for (const [index, qid] of ids.entries()) await repo.updateQuestion(trx, qid, { position: index + 1, updated_at: time });
    return questionsOf(trx, consultation.id);
  });
}

/** The question a new comment answers: it must belong to the comment's section (a 400 on `questionId` otherwise). */
export async function requireQuestionInSection(db: Db, questionId: number, sectionId: number): Promise<void> {
  const question = await repo.findQuestion(db, questionId);
  if (!question || question.section_id !== sectionId) throw badRequest('That question is not asked in this section.', 'questionId');
}

/** A question with its section's slug, for answering it; a 400 on `questionId` when it is not this consultation's. */
export async function requireQuestionOf(db: Db, consultationId: number, questionId: number): Promise<{ id: number; sectionSlug: string }> {
  const question = await repo.findQuestion(db, questionId);
  if (!question || question.consultation_id !== consultationId) throw badRequest('That question is not part of this consultation.', 'questionId');
  return { id: question.id, sectionSlug: question.section_slug };
}

/**
 * The questions written in content files, added once: a consultation that already has questions
 * keeps them as editors left them, so a restart never undoes changes made in the app.
 */
export async function seedQuestions(trx: Trx, consultationId: number, perSection: { sectionId: number; questions: string[] }[]): Promise<number> {
  if ((await repo.lastPosition(trx, consultationId)) > 0) return 0;
  const time = now();
  let position = 0;
  for (const { sectionId, questions } of perSection) {
    for (const text of questions) {
      position += 1;
      await repo.insertQuestion(trx, { consultation_id: consultationId, section_id: sectionId, position, text, created_at: time, updated_at: time });
    }
  }
  return position;
}
