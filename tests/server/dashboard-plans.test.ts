import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesBy, unansweredQuestions } from '../../server/features/dashboard/dashboard.repository';
import type { App } from '../../server/platform/fastify';
import { createConsultation } from '../helpers/factories';
import { planOf } from '../helpers/query-plans';
import { buildSuiteApp, onPostgres } from '../helpers/test-app';

/**
 * On SQLite, which keeps no statistics here, the planner picks indexes by their shape alone. The
 * dashboard's "unanswered questions" took the status index to look for each question's answer,
 * so it read every visible comment once per question: it ran for minutes on a 67,000-comment
 * consultation and held the server's one thread all that time. PostgreSQL plans from statistics,
 * so its plans are for the benchmarks.
 */
let app: App;
let consultationId: number;

beforeAll(async () => {
  app = await buildSuiteApp();
  consultationId = (await createConsultation(app.db)).consultationId;
});

afterAll(() => app.close());

describe.skipIf(onPostgres)('the dashboard’s queries on SQLite', () => {
  it('look for a question’s staff answer among that thread’s replies only', async () => {
    const plan = await planOf(app.db, (db) => unansweredQuestions(db, consultationId));
    const probe = plan.split('\n').find((line) => / reply /.test(line));
    expect(probe, plan).toMatch(/SEARCH reply USING (COVERING )?INDEX \S+ \([^)]*root_id=\?/);
  });

  // The first query of the two: responses by day.
  it('count responses by day from an index alone', async () => {
    const plan = await planOf(app.db, (db) => responsesBy(db, consultationId));
    expect(plan).toMatch(/USING COVERING INDEX/);
  });
});
