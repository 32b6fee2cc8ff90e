import { Type } from 'typebox';
import { answerQuestions } from '../../commands/answer-questions';
import { ERROR_RESPONSES } from '../../contracts/errors';
import { ConsultationParams } from '../../contracts/params';
import {
  AnswerQuestionsBody,
  AnswerQuestionsResult,
  CreateQuestionBody,
  QuestionIdParams,
  QuestionList,
  QuestionView,
  ReorderQuestionsBody,
  UpdateQuestionBody,
} from '../../contracts/questions';
import type { App } from '../../platform/fastify';
import { createQuestion, listQuestionsFor, reorderQuestions, updateQuestion } from './questions.service';

const tags = ['questions'];
const errors = ERROR_RESPONSES;
const QuestionResponse = Type.Object({ question: QuestionView });

/** A consultation's numbered questions: read by anyone, written by editors, answered in one form. */
export async function questionsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/questions',
    { schema: { tags, params: ConsultationParams, response: { 200: QuestionList, ...errors } } },
    async (request) => listQuestionsFor(app.db, request.user, request.params.c),
  );

  app.post(
    '/api/consultations/:c/questions',
    { schema: { tags, params: ConsultationParams, body: CreateQuestionBody, response: { 201: QuestionResponse, ...errors } } },
    async (request, reply) => reply.status(201).send({ question: await createQuestion(app.db, request.user, request.params.c, request.body) }),
  );

  app.patch(
    '/api/questions/:id',
    { schema: { tags, params: QuestionIdParams, body: UpdateQuestionBody, response: { 200: QuestionResponse, ...errors } } },
    async (request) => ({ question: await updateQuestion(app.db, request.user, request.params.id, request.body) }),
  );

  app.put(
    '/api/consultations/:c/questions/order',
    { schema: { tags, params: ConsultationParams, body: ReorderQuestionsBody, response: { 200: Type.Object({ questions: Type.Array(QuestionView) }), ...errors } } },
    async (request) => ({ questions: await reorderQuestions(app.db, request.user, request.params.c, request.body.ids) }),
  );

  app.post(
    '/api/consultations/:c/answers',
    {
      schema: {
        tags,
        description: 'Answers to any of the questions, each saved as a comment on its question (all or none).',
        params: ConsultationParams,
        body: AnswerQuestionsBody,
        response: { 201: AnswerQuestionsResult, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await answerQuestions(app.db, request.user, request.params.c, request.body, app.config)),
  );
}
