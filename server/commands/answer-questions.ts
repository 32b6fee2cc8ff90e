import type { Config } from '../config';
import type { AnswerQuestionsBody, AnswerQuestionsResult } from '../contracts/questions';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import { badRequest } from '../platform/errors';
import type { CurrentUser } from '../features/auth/current-user';
import { placeOnArrival, responseSignature } from '../features/analysis/campaign-arrival.service';
import { createCommentIn } from '../features/comments/comments.service';
import { requireConsultation } from '../features/consultations/consultations.service';
import { requireQuestionOf } from '../features/questions/questions.service';

/**
 * One respondent's answers to any of a consultation's questions, from one form: each non-empty
 * answer becomes a top-level comment on its question's section, with who they respond as. All are
 * saved or none (a refused answer leaves nothing half-saved).
 */
export async function answerQuestions(db: Db, viewer: CurrentUser | null, slug: string, input: AnswerQuestionsBody, rules: Pick<Config, 'premoderationAccountAgeHours'>): Promise<AnswerQuestionsResult> {
  const answered = input.answers.filter((answer) => answer.body.trim() !== '');
  if (answered.length === 0) throw badRequest('Answer at least one question.', 'answers');
  if (new Set(answered.map((a) => a.questionId)).size !== answered.length) throw badRequest('Answer each question once.', 'answers');
  const signatures = answered.map((answer) => responseSignature(answer.body));
  return writeTransaction(db, async (trx) => {
    const consultation = await requireConsultation(trx, slug);
    const answers: AnswerQuestionsResult['answers'] = [];
    for (const [i, answer] of answered.entries()) {
      const question = await requireQuestionOf(trx, consultation.id, answer.questionId);
      const { view: comment, response } = await createCommentIn(trx, viewer, slug, question.sectionSlug, { kind: 'general', body: answer.body, questionId: question.id, respondent: input.respondent }, rules);
      await placeOnArrival(trx, response, signatures[i]!);
      answers.push({ questionId: question.id, section: question.sectionSlug, comment });
    }
    return { answers };
  });
}
