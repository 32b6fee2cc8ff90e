import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { loadContent } from '../../server/commands/load-content';
import type { CommentList } from '../../server/contracts/comments';
import type { QuestionList, QuestionView } from '../../server/contracts/questions';
import type { SearchResults } from '../../server/contracts/search';
import type { App } from '../../server/platform/fastify';
import { createConsultation, TWO_SECTIONS } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const C = '/api/consultations/test-consultation';

let app: App;
let editor: Actor;
let citizen: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db, { sections: TWO_SECTIONS });
  editor = await createActor(app, 'editor');
  citizen = await createActor(app, 'citizen');
});

async function addQuestion(section: string, text: string): Promise<QuestionView> {
  const response = await editor.inject({ method: 'POST', url: `${C}/questions`, payload: { section, text } });
  expect(response.statusCode).toBe(201);
  return response.json().question;
}

const list = async (actor?: Actor): Promise<QuestionList> => (actor ? await actor.inject({ url: `${C}/questions` }) : await app.inject(`${C}/questions`)).json();

describe('questions', () => {
  it('editors add, edit and reorder numbered questions; anyone reads them', async () => {
    const first = await addQuestion('governance', '  Who should decide?  ');
    const second = await addQuestion('procurement', 'How small is a small contract?');
    expect([first.number, first.text, second.number, second.section]).toEqual([1, 'Who should decide?', 2, { slug: 'procurement', title: 'Procurement' }]);

    const edited = await editor.inject({ method: 'PATCH', url: `/api/questions/${first.id}`, payload: { text: 'Who should decide, and how?', section: 'procurement' } });
    expect(edited.json().question).toMatchObject({ number: 1, text: 'Who should decide, and how?', section: { slug: 'procurement' } });

    const reordered = await editor.inject({ method: 'PUT', url: `${C}/questions/order`, payload: { ids: [second.id, first.id] } });
    expect(reordered.statusCode).toBe(200);
    const readers = await list();
    expect(readers.questions.map((q) => [q.id, q.number])).toEqual([[second.id, 1], [first.id, 2]]);
    expect(readers.can).toEqual({ manage: false, answer: false });
    expect((await list(citizen)).can).toEqual({ manage: false, answer: true });
    expect((await list(editor)).can.manage).toBe(true);
  });

  it('refuses bad question input with a 400 naming the field, and changes nothing', async () => {
    const question = await addQuestion('governance', 'Who should decide?');
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', `${C}/questions`, { section: 'governance', text: '   ' }, 'text'],
      ['POST', `${C}/questions`, { section: 'nowhere', text: 'A question' }, 'section'],
      ['POST', `${C}/questions`, { section: 'governance', text: 'x'.repeat(1001) }, 'text'],
      ['PATCH', `/api/questions/${question.id}`, { section: 'nowhere' }, 'section'],
      ['PUT', `${C}/questions/order`, { ids: [question.id, question.id] }, 'ids'],
      ['PUT', `${C}/questions/order`, { ids: [question.id + 100] }, 'ids'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await editor.inject({ method: method as 'POST', url, payload });
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error.field ?? response.json().error.message).toContain(field);
    }
    expect((await list()).questions).toEqual([{ ...question }]);
  });

  it('a respondent answers several questions as an organisation in one form; each answer is a comment on its question', async () => {
    const q1 = await addQuestion('governance', 'Who should decide?');
    const q2 = await addQuestion('procurement', 'How small is a small contract?');
    const response = await citizen.inject({
      method: 'POST',
      url: `${C}/answers`,
      payload: {
        respondent: { type: 'organisation', organisation: '  Councils Together ' },
        answers: [
          { questionId: q1.id, body: 'Local boards, with a national standard.' },
          { questionId: q2.id, body: 'Under a million pounds a year.' },
          { questionId: q2.id + 50, body: '   ' },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const answers = response.json().answers;
    expect(answers.map((a: { questionId: number; section: string }) => [a.questionId, a.section])).toEqual([[q1.id, 'governance'], [q2.id, 'procurement']]);

    const thread: CommentList = (await app.inject(`${C}/sections/procurement/comments`)).json();
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({ body: 'Under a million pounds a year.', questionId: q2.id, respondent: { type: 'organisation', organisation: 'Councils Together' } });

    const found: SearchResults = (await app.inject(`/api/search?q=local&consultation=test-consultation&question=${q1.id}`)).json();
    expect(found.comments.map((c) => c.commentId)).toEqual([answers[0].comment.id]);
    const other: SearchResults = (await app.inject(`/api/search?q=local&consultation=test-consultation&question=${q2.id}`)).json();
    expect(other.comments).toEqual([]);

    const csv: Record<string, string>[] = parse((await app.inject(`${C}/exports/comments.csv`)).body, { bom: true, columns: true });
    expect(csv.map((row) => [row.question_number, row.question, row.respondent_type, row.organisation])).toEqual([
      ['1', 'Who should decide?', 'organisation', 'Councils Together'],
      ['2', 'How small is a small contract?', 'organisation', 'Councils Together'],
    ]);
  });

  it('refuses a bad answer form with a 400 naming the field and saves none of it', async () => {
    const q1 = await addQuestion('governance', 'Who should decide?');
    await createConsultation(app.db, { slug: 'other' });
    const elsewhere = await editor.inject({ method: 'POST', url: '/api/consultations/other/questions', payload: { section: 'governance', text: 'Elsewhere?' } });
    const cases: [Record<string, unknown>, string][] = [
      [{ respondent: { type: 'organisation', organisation: ' ' }, answers: [{ questionId: q1.id, body: 'An answer' }] }, 'respondent.organisation'],
      [{ respondent: { type: 'individual' }, answers: [{ questionId: q1.id, body: 'An answer' }, { questionId: elsewhere.json().question.id, body: 'Another' }] }, 'questionId'],
      [{ respondent: { type: 'individual' }, answers: [{ questionId: q1.id, body: '  ' }] }, 'answers'],
      [{ respondent: { type: 'robot' }, answers: [{ questionId: q1.id, body: 'An answer' }] }, 'respondent'],
    ];
    for (const [payload, field] of cases) {
      const response = await citizen.inject({ method: 'POST', url: `${C}/answers`, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain(field);
    }
    const wrongSection = await citizen.inject({ method: 'POST', url: `${C}/sections/procurement/comments`, payload: { kind: 'general', body: 'Hi', questionId: q1.id } });
    expect(wrongSection.statusCode).toBe(400);
    expect(wrongSection.json().error.field).toBe('questionId');
    expect((await app.db.selectFrom('comments').select('id').execute()).length).toBe(0);
  });

  it('a comment says who its author wrote as, and an individual has no organisation', async () => {
    const response = await citizen.inject({ method: 'POST', url: `${C}/sections/governance/comments`, payload: { kind: 'support', body: 'Yes.', respondent: { type: 'individual', organisation: 'Ignored Ltd' } } });
    expect(response.json().comment.respondent).toEqual({ type: 'individual', organisation: null });
  });

  it('a hidden comment’s tombstone does not name the organisation', async () => {
    const posted = await citizen.inject({ method: 'POST', url: `${C}/sections/governance/comments`, payload: { kind: 'general', body: 'Buy now.', respondent: { type: 'organisation', organisation: 'Cheap Watches Ltd' } } });
    const moderator = await createActor(app, 'moderator');
    expect((await moderator.inject({ method: 'POST', url: `/api/comments/${posted.json().comment.id}/hide`, payload: { reason: 'Advertising' } })).statusCode).toBe(200);
    const thread: CommentList = (await app.inject(`${C}/sections/governance/comments`)).json();
    expect(thread.comments[0]).toMatchObject({ status: 'hidden', body: '' });
    expect(thread.comments[0]!.respondent).toBeUndefined();
    expect(JSON.stringify(thread)).not.toContain('Cheap Watches');
  });

  it('seeds questions from content front matter once and keeps editors’ changes on the next load', async () => {
    const fresh = await buildTestApp();
    onTestFinished(() => fresh.close());
    await loadContent(fresh.db, fresh.config.contentDir);
    const url = '/api/consultations/ideal-government-it/questions';
    const seeded: QuestionList = (await fresh.inject(url)).json();
    expect(seeded.questions.map((q) => [q.number, q.section.slug])).toEqual([
      [1, 'governance'], [2, 'governance'], [3, 'architecture'], [4, 'architecture'], [5, 'procurement'], [6, 'procurement'],
    ]);
    const freshEditor = await createActor(fresh, 'editor');
    await freshEditor.inject({ method: 'PATCH', url: `/api/questions/${seeded.questions[0]!.id}`, payload: { text: 'Changed online' } });
    await loadContent(fresh.db, fresh.config.contentDir);
    const again: QuestionList = (await fresh.inject(url)).json();
    expect(again.questions).toHaveLength(6);
    expect(again.questions[0]!.text).toBe('Changed online');
  });
});
