import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orphanedComments, reportedComments, responsesByDay, unansweredQuestions } from '../../server/features/dashboard/dashboard.repository';
import { listAddressedBy, listUnsureAnchors } from '../../server/features/comments/anchoring/anchoring.repository';
import { listedFor } from '../../server/features/comments/comments.policy';
import { visibleRepliesTo } from '../../server/features/comments/comments.repository';
import { listQueue } from '../../server/features/moderation/moderation.repository';
import type { App } from '../../server/platform/fastify';
import { createConsultation } from '../helpers/factories';
import { planOf } from '../helpers/query-plans';
import { buildSuiteApp, onPostgres } from '../helpers/test-app';

/**
 * On SQLite, which keeps no statistics here, the planner picks indexes by their shape alone, and
 * a query that reads every comment holds the server's one thread while it does. The dashboard's
 * "unanswered questions" took the status index to look for each question's answer and read every
 * visible comment once per question (minutes on a 67,000-comment consultation); the moderation
 * queue walked every comment in page order (224 ms), a person's activity page every visible
 * comment to find the replies to theirs (46 ms). PostgreSQL plans from statistics, so its
 * plans are for the benchmarks.
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

  it('find orphaned and reported comments through their own indexes, not the consultation’s comments', async () => {
    expect(await planOf(app.db, (db) => orphanedComments(db, consultationId))).toMatch(/comments_section_anchor_state \(section_id=\? AND anchor_state=\?\)/);
    expect(await planOf(app.db, (db) => reportedComments(db, consultationId))).toMatch(/comments_reported \(report_count>\?\)/);
  });

  it('count responses by day from an index alone', async () => {
    const plan = await planOf(app.db, (db) => responsesByDay(db, consultationId));
    expect(plan).toMatch(/USING COVERING INDEX/);
  });
});

describe.skipIf(onPostgres)('the moderation queue on SQLite', () => {
  it('finds waiting and reported comments by their own indexes, not by walking every comment', async () => {
    const plan = await planOf(app.db, (db) => listQueue(db, 51, 0));
    expect(plan).not.toMatch(/SCAN comments/);
    expect(plan).toMatch(/comments_reported \(report_count>\?\)/);
  });
});

describe.skipIf(onPostgres)('a person’s activity on SQLite', () => {
  it('finds the replies to their comments through those comments’ threads', async () => {
    const plan = await planOf(app.db, (db) => visibleRepliesTo(db, [{ id: 7, root_id: null }, { id: 9, root_id: 7 }], 1));
    expect(plan).toMatch(/comments_root \(root_id=\?\)/);
  });
});

describe.skipIf(onPostgres)('the anchor review on SQLite', () => {
  it('reads only the section’s placed comments, through comments_section_anchor_state', async () => {
    const plan = await planOf(app.db, (db) => listUnsureAnchors(db, 1, listedFor(null), 0.8, 21));
    expect(plan).toMatch(/comments_section_anchor_state \(section_id=\? AND anchor_state=\?\)/);
  });
});

describe.skipIf(onPostgres)('the outcome page on SQLite', () => {
  it('finds the comments each version addressed through their own index', async () => {
    const plan = await planOf(app.db, (db) => listAddressedBy(db, [3, 4]));
    expect(plan).toMatch(/SEARCH comments USING INDEX comments_addressed_revision \(addressed_revision_id=\?\)/);
  });
});
