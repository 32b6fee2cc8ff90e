import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommentKind, CommentList } from '../../server/contracts/comments';
import type { App } from '../../server/platform/fastify';
import * as counterMigration from '../../migrations/0027_comment_counters';
import { anchorOn, COMMENTS_URL, post, SECTION_URL } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { act, bulk } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Counts come from counters that triggers keep (migration 0027). After any mix of the ways a
// comment changes, the counters must equal a count of the comments themselves, and every
// viewer's counts must equal what they may read.

const QUOTES = ['assess the technology before legislation is drafted', 'Publish spending on technology every quarter', 'Break large contracts into smaller lots'];
/** Texts to publish: the passages move, change place and disappear, so comments re-anchor or are orphaned. */
const REVISIONS = [
  SAMPLE_MARKDOWN,
  `A new opening paragraph.\n\n${SAMPLE_MARKDOWN.replace('- Publish spending on technology every quarter.\n', '').replace('## Recommendations\n', '## Recommendations\n\n- Publish spending on technology every quarter.\n')}`,
  SAMPLE_MARKDOWN.replace('assess the technology before legislation is drafted', 'look at it').replace('- Break large contracts into smaller lots.\n', ''),
];
const KINDS: CommentKind[] = ['support', 'object', 'question', 'suggestion', 'evidence', 'general'];
const DAY = 24 * 60 * 60 * 1000;

type Operation =
  | { op: 'post'; author: number; kind: CommentKind; quote: number | null }
  | { op: 'reply'; author: number; target: number }
  | { op: 'edit' | 'delete' | 'hide' | 'restore' | 'approve'; target: number }
  | { op: 'block'; author: number }
  | { op: 'publish'; revision: number };

const author = fc.nat({ max: 2 });
const target = fc.nat({ max: 30 });
const on = (op: 'edit' | 'delete' | 'hide' | 'restore' | 'approve') => fc.record({ op: fc.constant(op), target });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('post' as const), author, kind: fc.constantFrom(...KINDS), quote: fc.option(fc.nat({ max: QUOTES.length - 1 })) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reply' as const), author, target }) },
  { weight: 2, arbitrary: on('edit') },
  { weight: 1, arbitrary: on('delete') },
  { weight: 3, arbitrary: on('hide') },
  { weight: 2, arbitrary: on('restore') },
  { weight: 2, arbitrary: on('approve') },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('block' as const), author }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('publish' as const), revision: fc.nat({ max: REVISIONS.length - 1 }) }) },
);

let app: App;
afterEach(async () => {
  await app?.close();
});

interface Scene {
  authors: Actor[];
  moderator: Actor;
  editor: Actor;
  ids: number[];
  authorOf: Map<number, Actor>;
  /** Blocked accounts' sessions end: they read as signed out. */
  blocked: Set<Actor>;
  edits: number;
}

async function setUp(): Promise<Scene> {
  app = await buildTestApp({ premoderationAccountAgeHours: 24 });
  const { consultationId } = await createConsultation(app.db);
  await app.db.updateTable('consultations').set({ premoderation: 1 }).where('id', '=', consultationId).execute();
  // Two established citizens post straight away; the third is new, so their comments wait for approval.
  const authors = [await createActor(app), await createActor(app), await createActor(app)];
  const joined = new Date(Date.now() - 30 * DAY).toISOString();
  await app.db.updateTable('users').set({ created_at: joined }).where('id', 'in', [authors[0]!.id, authors[1]!.id]).execute();
  return { authors, moderator: await createActor(app, 'moderator'), editor: await createActor(app, 'editor'), ids: [], authorOf: new Map(), blocked: new Set(), edits: 0 };
}

async function apply(scene: Scene, step: Operation): Promise<void> {
  const pick = (n: number) => scene.ids[n % Math.max(1, scene.ids.length)];
  const id = 'target' in step ? pick(step.target) : undefined;
  let response;
  if (step.op === 'post' || step.op === 'reply') {
    const actor = scene.authors[step.author]!;
    const body = { body: `Comment ${scene.ids.length} by ${actor.username}`, ...(step.op === 'post' ? { kind: step.kind } : { parentId: id }) };
    const quote = step.op === 'post' && step.quote !== null ? QUOTES[step.quote]! : null;
    const anchor = quote && (await app.inject(SECTION_URL)).body.includes(quote) ? await anchorOn(app, quote) : undefined;
    if (step.op === 'reply' && id === undefined) return;
    response = await post(actor, { ...body, ...(anchor ? { anchor } : {}) });
    if (response.statusCode === 201) {
      scene.ids.push(response.json().comment.id);
      scene.authorOf.set(response.json().comment.id, actor);
    }
  } else if (step.op === 'block') {
    response = await scene.moderator.inject({ method: 'POST', url: `/api/moderation/users/${scene.authors[step.author]!.id}/block`, payload: { reason: 'Spam', hideAll: true } });
    if (response.statusCode === 200) scene.blocked.add(scene.authors[step.author]!);
  } else if (step.op === 'publish') {
    const { number } = (await app.inject(SECTION_URL)).json().section.revision;
    response = await scene.editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: number, markdown: REVISIONS[step.revision], summary: 'An edit' } });
  } else if (id === undefined) {
    return;
  } else if (step.op === 'edit') {
    response = await scene.authorOf.get(id)!.inject({ method: 'PATCH', url: `/api/comments/${id}`, payload: { body: `Edited ${id}, edit ${(scene.edits += 1)}` } });
  } else if (step.op === 'delete') {
    response = await scene.authorOf.get(id)!.inject({ method: 'DELETE', url: `/api/comments/${id}` });
  } else if (step.op === 'approve') {
    response = await bulk(scene.moderator, [id], 'approve');
  } else {
    response = await act(scene.moderator, id, step.op, step.op === 'hide' ? { reason: 'spam' } : undefined);
  }
  // Refusals (409, 403…) are fine: a step may not apply; the counts must still be right.
  expect(response.statusCode, response.body).toBeLessThan(500);
}

/** Top-level comments counted from the comments table itself. */
async function scanned() {
  const rows = await app.db.selectFrom('comments').select(['section_id', 'kind', 'block_id', 'status', 'author_id']).where('root_id', 'is', null).execute();
  const counters = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify([row.section_id, row.kind, row.block_id ?? '', row.status]);
    counters.set(key, (counters.get(key) ?? 0) + 1);
  }
  return { rows, counters };
}

async function expectCountsRight(scene: Scene): Promise<void> {
  const { rows, counters } = await scanned();
  const kept = await app.db.selectFrom('comment_counters').selectAll().where('n', '!=', 0).execute();
  expect(new Map(kept.map((row) => [JSON.stringify([row.section_id, row.kind, row.block_id, row.status]), Number(row.n)]))).toEqual(counters);

  const viewers: [Actor | undefined, (row: (typeof rows)[number]) => boolean][] = [
    [undefined, (row) => row.status === 'visible'],
    [scene.moderator, (row) => row.status !== 'deleted'],
    ...scene.authors.filter((a) => !scene.blocked.has(a)).map((a): [Actor, (row: (typeof rows)[number]) => boolean] => [a, (row) => row.status === 'visible' || (row.status !== 'deleted' && row.author_id === a.id)]),
  ];
  for (const [viewer, reads] of viewers) {
    const list: CommentList = (viewer ? await viewer.inject({ method: 'GET', url: COMMENTS_URL }) : await app.inject(COMMENTS_URL)).json();
    const readable = rows.filter(reads);
    const byBlock: Record<string, number> = {};
    for (const row of readable) if (row.block_id) byBlock[row.block_id] = (byBlock[row.block_id] ?? 0) + 1;
    expect(list.counts.byBlock).toEqual(byBlock);
    expect(list.counts.byKind.total).toBe(readable.length);
    for (const kind of KINDS) expect(list.counts.byKind[kind]).toBe(readable.filter((row) => row.kind === kind).length);
  }
}

describe('comment counters', () => {
  it('equal a count of the comments after any mix of posts, replies, edits, moderation, deletion, blocking and re-anchoring', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 30 }), async (steps) => {
        await app?.close();
        const scene = await setUp();
        for (const step of steps) await apply(scene, step);
        await expectCountsRight(scene);
      }),
      { numRuns: 8 },
    );
  });

  it('are backfilled by the migration, and follow a comment removed outright', async () => {
    const scene = await setUp();
    const steps: Operation[] = [
      { op: 'post', author: 0, kind: 'support', quote: 0 },
      { op: 'post', author: 2, kind: 'object', quote: null },
      { op: 'post', author: 1, kind: 'object', quote: 1 },
      { op: 'reply', author: 1, target: 0 },
    ];
    for (const step of steps) await apply(scene, step);
    const counters = () => app.db.selectFrom('comment_counters').selectAll().where('n', '!=', 0).orderBy(['section_id', 'kind', 'block_id', 'status']).execute();
    const kept = await counters();
    expect(kept.map((row) => Number(row.n)).reduce((a, b) => a + b)).toBe(3);
    await counterMigration.down(app.db);
    await counterMigration.up(app.db);
    expect(await counters()).toEqual(kept);

    await app.db.deleteFrom('comment_versions').where('comment_id', '=', scene.ids[1]!).execute();
    await app.db.deleteFrom('comments').where('id', '=', scene.ids[1]!).execute();
    await expectCountsRight(scene);
  });
});
