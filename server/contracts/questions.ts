import { Type, type Static } from 'typebox';
import { CommentView, MAX_COMMENT_LENGTH, Respondent } from './comments';

/** Longest question text, in characters. */
export const MAX_QUESTION_LENGTH = 1_000;

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'lowercase slug' });
const QuestionText = Type.String({ minLength: 1, maxLength: MAX_QUESTION_LENGTH });

/** A numbered question (1, 2, … across the consultation) and the section its answers belong to. */
export const QuestionView = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  text: Type.String(),
  section: Type.Object({ slug: Type.String(), title: Type.String() }),
});
export type QuestionView = Static<typeof QuestionView>;

export const QuestionList = Type.Object({
  questions: Type.Array(QuestionView),
  /** What the viewer may do here (the client never re-derives a rule). */
  can: Type.Object({ manage: Type.Boolean(), answer: Type.Boolean() }),
});
export type QuestionList = Static<typeof QuestionList>;

export const CreateQuestionBody = Type.Object({ section: Slug, text: QuestionText }, { additionalProperties: false });
export type CreateQuestionBody = Static<typeof CreateQuestionBody>;

export const UpdateQuestionBody = Type.Object({ section: Type.Optional(Slug), text: Type.Optional(QuestionText) }, { additionalProperties: false });
export type UpdateQuestionBody = Static<typeof UpdateQuestionBody>;

/** Every question of the consultation, by id, in the new order. */
export const ReorderQuestionsBody = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });
export type ReorderQuestionsBody = Static<typeof ReorderQuestionsBody>;

export const QuestionIdParams = Type.Object({ id: Id });

/** One form answering any of the questions: each non-empty answer becomes a comment on its question. */
export const AnswerQuestionsBody = Type.Object(
  {
    respondent: Respondent,
    answers: Type.Array(Type.Object({ questionId: Id, body: Type.String({ maxLength: MAX_COMMENT_LENGTH }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 500,
    }),
  },
  { additionalProperties: false },
);
export type AnswerQuestionsBody = Static<typeof AnswerQuestionsBody>;

export const AnswerQuestionsResult = Type.Object({
  answers: Type.Array(Type.Object({ questionId: Type.Integer(), section: Type.String(), comment: CommentView })),
});
export type AnswerQuestionsResult = Static<typeof AnswerQuestionsResult>;
