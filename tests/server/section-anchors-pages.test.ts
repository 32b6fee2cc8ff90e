import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionAnchorsPage } from '../../server/contracts/revisions';
import { now } from '../../server/db/time';
import { ANCHORS_PAGE } from '../../server/features/comments/anchoring/anchor-review.service';
import { listCommentsOnPassage, listSectionAnchors } from '../../server/features/comments/anchoring/anchoring.repository';
import { listedFor } from '../../server/features/comments/comments.policy';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { planOf, sorts } from '../helpers/query-plans';
import { buildSuiteApp, onPostgres } from '../helpers/test-app';
import { createActor } from '../helpers/users';

/**
 * The bulk anchor read comes in pages: unpaged, it took 1.07 s on a section of ~53,000 threads
 * (anyone could ask for it over and over). A walk of every page must still give each visible
 * anchor once, in the order of the text.
 */
const THREADS = 1_300;
const ANCHORS_URL = `${SECTION_URL}/anchors`;

let app: App;
let sectionId: number;
/** Anchored comments a signed-out reader is shown, as [block index, start, id], in text order. */
let expected: [number, number, number][];

beforeAll(async () => {
  app = await buildSuiteApp();
  await createConsultation(app.db);
  const author = await createActor(app);
  const posted = await postOk(author, { kind: 'support', body: 'On a passage', anchor: await anchorOn(app, 'every department board') });
  const stored = await app.db.selectFrom('comments').selectAll().where('id', '=', posted.id).executeTakeFirstOrThrow();
  sectionId = stored.section_id;
  const { id: _, ...template } = stored;
  // Positions repeat (same block and start) so the comment id has to settle the order; some threads
  // await moderation or have no passage (neither may show or shift a page), and hidden ones are
  // listed at their passage as everywhere else.
  const threads = Array.from({ length: THREADS }, (_, i) => ({
    ...template,
    body: `Thread ${i}`,
    html: `<p>Thread ${i}</p>`,
    normalized_body: `thread ${i}`,
    status: i % 11 === 0 ? ('pending' as const) : i % 17 === 0 ? ('hidden' as const) : ('visible' as const),
    ...(i % 13 === 0 ? { block_id: null, block_index: null, anchor_start: null, anchor_end: null, anchor_state: null } : { block_index: (i * 7) % 5, anchor_start: (i * 3) % 17, anchor_end: ((i * 3) % 17) + 4 }),
    created_at: now(),
  }));
  for (let i = 0; i < threads.length; i += 100) await app.db.insertInto('comments').values(threads.slice(i, i + 100)).execute();
  if (onPostgres) await sql`ANALYZE comments`.execute(app.db);
  const rows = await app.db.selectFrom('comments').select(['id', 'block_index', 'anchor_start']).where('section_id', '=', sectionId).where('status', '!=', 'pending').where('block_id', 'is not', null).execute();
  expected = rows.map((row) => [row.block_index!, row.anchor_start!, row.id] as [number, number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
});

afterAll(() => app.close());

async function readPage(after?: string): Promise<SectionAnchorsPage> {
  const response = await app.inject(after === undefined ? ANCHORS_URL : `${ANCHORS_URL}?after=${encodeURIComponent(after)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('reading a crowded section’s anchors', () => {
  it('comes in pages that, walked to the end, give every visible anchor once in the order of the text', async () => {
    const pages: SectionAnchorsPage[] = [await readPage()];
    while (pages.at(-1)!.nextAfter !== null) pages.push(await readPage(pages.at(-1)!.nextAfter!));
    expect(expected.length).toBeGreaterThan(2 * ANCHORS_PAGE);
    expect(pages.length).toBe(Math.ceil(expected.length / ANCHORS_PAGE));
    for (const page of pages) expect(page.anchors.length).toBeLessThanOrEqual(ANCHORS_PAGE);
    expect(pages.flatMap((page) => page.anchors.map((item) => item.commentId))).toEqual(expected.map(([, , id]) => id));
  });

  it('refuses a cursor it did not give out with a 400, not an error', async () => {
    for (const after of ['1.2', 'a.b.c', '1.2.3.4', '-1.0.5', '1.2.99999999999', '1.2.9999999999']) {
      const response = await app.inject(`${ANCHORS_URL}?after=${encodeURIComponent(after)}`);
      expect(response.statusCode, `${after}: ${response.body}`).toBe(400);
    }
  });

  it('reads each page off an index, not by sorting the section', async () => {
    // A small page, so the page is a sliver of this section as it is of a crowded one: for half
    // the section, as a full page is here, PostgreSQL rightly prefers to scan and sort.
    const [blockIndex, start, id] = expected[ANCHORS_PAGE]!;
    for (const after of [null, { blockIndex, start, id }]) {
      const plan = await planOf(app.db, (db) => listSectionAnchors(db, sectionId, listedFor(null), after, 51));
      expect(plan).toMatch(/index/i);
      expect(sorts(plan), plan).toBe(false);
    }
  });

  // SQLite keeps no statistics here, so it weighs indexes by shape: (section_id, status) looked as
  // good as the passage index and it read every visible comment of the section (105 ms for 67,000).
  it.skipIf(onPostgres)('finds the comments on one passage through the passage index', async () => {
    const plan = await planOf(app.db, (db) => listCommentsOnPassage(db, sectionId, { blockId: 'p-1', start: 0, end: 5 }));
    expect(plan).toMatch(/comments_section_block \(section_id=\? AND block_id=\? AND root_id=\?\)/);
  });
});
