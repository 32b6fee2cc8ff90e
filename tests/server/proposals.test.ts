import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PreviewResponse, ProposalDetail } from '../../server/contracts/proposals';
import type { MergeChunk } from '../../server/contracts/revisions';
import { writeTransaction } from '../../server/db/write-transaction';
import { publishRevision } from '../../server/commands/publish-revision';
import type { App } from '../../server/platform/fastify';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const SECTION = '/api/consultations/test-consultation/sections/governance';
const PROPOSALS = `${SECTION}/proposals`;
const FIRST = 'Technology should shape policy from the start.';
const LAST = '- Break large contracts into smaller lots.';

let app: App;
let sectionId: number;
let alice: Actor;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  sectionId = (await createConsultation(app.db)).sectionIds.governance!;
  alice = await createActor(app, 'citizen');
  editor = await createActor(app, 'editor');
});

const replace = (text: string, from: string, to: string): string => {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the text`);
  return text.replace(from, to);
};

async function propose(actor: Actor, markdown: string, baseRevision = 1, summary = 'Clearer opening') {
  return actor.inject({ method: 'POST', url: PROPOSALS, payload: { baseRevision, markdown, summary } });
}

async function proposeOk(actor: Actor, markdown: string, baseRevision = 1): Promise<number> {
  const response = await propose(actor, markdown, baseRevision);
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
  return response.json().proposal.id;
}

async function detail(id: number, actor: Actor = editor): Promise<ProposalDetail> {
  const response = await actor.inject({ url: `/api/proposals/${id}` });
  expect(response.statusCode).toBe(200);
  return response.json().proposal;
}

/** Another revision lands on the section (as a direct edit would). */
async function publishDirectly(markdown: string): Promise<void> {
  await writeTransaction(app.db, (trx) => publishRevision(trx, { sectionId, markdown, summary: 'Direct edit', authorId: editor.id }));
}

const merge = (id: number, payload: Record<string, unknown>, actor: Actor = editor) => actor.inject({ method: 'POST', url: `/api/proposals/${id}/merge`, payload });
const currentSection = async () => (await app.inject(SECTION)).json().section;

describe('proposing an edit', () => {
  it('opens a proposal that records its base revision, with diffs and a clean merge preview', async () => {
    const markdown = replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape policy from the very start.');
    const response = await propose(alice, markdown);
    expect(response.statusCode).toBe(201);
    const { proposal } = response.json();
    expect(proposal).toMatchObject({ status: 'open', baseRevision: 1, summary: 'Clearer opening', author: { username: alice.username } });

    const view = await detail(proposal.id);
    expect(view.markdown).toBe(markdown);
    expect(view.diffs.base.stats).toEqual({ wordsAdded: 2, wordsRemoved: 1 });
    expect(view.diffs.base.inline.filter((s) => s.kind !== 'same').map((s) => [s.kind, s.text])).toEqual([
      ['removed', 'should'],
      ['added', 'must'],
      ['added', 'very '],
    ]);
    expect(view.diffs.base.sideBySide[0]!.left.map((s) => s.text).join('')).toBe(FIRST);
    expect(view.merge).toMatchObject({ clean: true, currentRevision: 1, markdown });
    expect(view.can).toEqual({ revise: false, withdraw: false, merge: true, reject: true, comment: true });
    expect((await detail(proposal.id, alice)).can).toMatchObject({ revise: true, withdraw: true, merge: false });
  });

  it('refuses text unchanged from its base, an unknown base revision and a missing summary', async () => {
    const unchanged = await propose(alice, `${SAMPLE_MARKDOWN}\n\n`);
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().error).toMatchObject({ code: 'unchanged', field: 'markdown' });

    const unknownBase = await propose(alice, 'New text.', 7);
    expect(unknownBase.statusCode).toBe(400);
    expect(unknownBase.json().error.field).toBe('baseRevision');

    const loneSurrogate = await propose(alice, 'Broken \ud800 text.');
    expect(loneSurrogate.json().error).toMatchObject({ field: 'markdown' });

    const noSummary = await propose(alice, 'New text.', 1, '  ');
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.json().error.details.errors).toEqual([{ field: 'summary', code: 'invalid_input', message: expect.stringContaining('summary') }]);
  });

  it('keeps one private draft per author per section, replaced on every save and turned into the proposal', async () => {
    expect((await alice.inject({ url: `${PROPOSALS}/draft` })).statusCode).toBe(404);
    for (const markdown of ['First try.', 'Second try.']) {
      const saved = await alice.inject({ method: 'PUT', url: `${PROPOSALS}/draft`, payload: { baseRevision: 1, markdown, summary: '' } });
      expect(saved.statusCode).toBe(200);
    }
    const draft = (await alice.inject({ url: `${PROPOSALS}/draft` })).json().draft;
    expect(draft).toMatchObject({ baseRevision: 1, markdown: 'Second try.', summary: '' });
    const rows = await app.db.selectFrom('proposals').selectAll().execute();
    expect(rows).toHaveLength(1);

    // Nobody else sees it: not as their draft, not by id, not in the list.
    const bob = await createActor(app, 'citizen');
    expect((await bob.inject({ url: `${PROPOSALS}/draft` })).statusCode).toBe(404);
    expect((await editor.inject({ url: `/api/proposals/${rows[0]!.id}` })).statusCode).toBe(404);
    expect((await app.inject(PROPOSALS)).json().proposals).toEqual([]);

    const id = await proposeOk(alice, 'Second try, submitted.');
    expect(id).toBe(rows[0]!.id);
    expect((await alice.inject({ url: `${PROPOSALS}/draft` })).statusCode).toBe(404);
    expect((await app.inject(`${PROPOSALS}?status=open`)).json()).toMatchObject({ counts: { open: 1 }, proposals: [{ id, status: 'open' }] });
  });

  it('lets the author revise and withdraw an open proposal, and nobody else', async () => {
    const id = await proposeOk(alice, replace(SAMPLE_MARKDOWN, FIRST, 'Version one.'));
    const bob = await createActor(app, 'citizen');
    const revision = { markdown: replace(SAMPLE_MARKDOWN, FIRST, 'Version two.'), summary: 'Second thoughts' };
    expect((await bob.inject({ method: 'PATCH', url: `/api/proposals/${id}`, payload: revision })).statusCode).toBe(403);
    expect((await editor.inject({ method: 'POST', url: `/api/proposals/${id}/withdraw` })).statusCode).toBe(403);

    const revised = await alice.inject({ method: 'PATCH', url: `/api/proposals/${id}`, payload: revision });
    expect(revised.statusCode).toBe(200);
    expect((await detail(id)).markdown).toBe(revision.markdown);
    expect((await detail(id)).summary).toBe('Second thoughts');

    expect((await alice.inject({ method: 'POST', url: `/api/proposals/${id}/withdraw` })).json().proposal.status).toBe('withdrawn');
    const late = await alice.inject({ method: 'PATCH', url: `/api/proposals/${id}`, payload: revision });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('proposal_withdrawn');
  });
});

describe('reading a proposal signed out', () => {
  it('shows what a citizen sees, without abilities, the same each time and fresh after every change', async () => {
    const id = await proposeOk(alice, replace(SAMPLE_MARKDOWN, FIRST, 'Technology shapes policy from the start.'));
    const read = async (actor?: Actor) => (await (actor ?? app).inject({ url: `/api/proposals/${id}` })).json().proposal;
    // Notifications of the new proposal are appended to the log after its commit; let them land first.
    await app.notifications.flush();
    const seen = await read(await createActor(app, 'citizen'));
    const anonymous = await read();
    expect(anonymous).toEqual({ ...seen, can: { revise: false, withdraw: false, merge: false, reject: false, comment: false } });
    expect(await read()).toEqual(anonymous);

    await publishDirectly(replace(SAMPLE_MARKDOWN, LAST, '- Break large contracts into lots.'));
    const after = await read();
    expect(after.section.currentRevision).toBe(2);
    expect(after.merge.markdown).toContain('- Break large contracts into lots.');
    expect(after.merge.markdown).toContain('Technology shapes policy');
  });
});

describe('merging', () => {
  it('publishes the proposal when the section has not changed, crediting proposer and editor', async () => {
    const markdown = replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape policy from the start.');
    const id = await proposeOk(alice, markdown);
    const response = await merge(id, { currentRevision: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ revision: 2, proposal: { status: 'merged', mergedRevision: 2 } });

    const section = await currentSection();
    expect(section.revision).toMatchObject({ number: 2, markdown, author: { username: alice.username } });
    expect(section.revision.summary).toMatch(new RegExp(`^Merged proposal #${id} by Citizen \\d+ \\(reviewed by Editor \\d+\\): Clearer opening$`));
    expect((await detail(id, alice)).decision).toMatchObject({ by: { username: editor.username }, note: null });
  });

  it('three-way merges when the section moved on with edits elsewhere', async () => {
    const id = await proposeOk(alice, replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape policy.'));
    await publishDirectly(replace(SAMPLE_MARKDOWN, LAST, '- Break large contracts into lots of under £10 million.'));
    const expected = replace(replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape policy.'), LAST, '- Break large contracts into lots of under £10 million.');

    const view = await detail(id);
    expect(view.merge).toMatchObject({ clean: true, currentRevision: 2, markdown: expected });
    expect(view.diffs.current!.stats.wordsRemoved).toBeGreaterThan(0); // against today's text it also undoes the other edit

    expect((await merge(id, { currentRevision: 2 })).statusCode).toBe(200);
    expect((await currentSection()).revision).toMatchObject({ number: 3, markdown: expected });
  });

  describe('when both changed the same passage', () => {
    let id: number;
    beforeEach(async () => {
      id = await proposeOk(alice, replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape policy.'));
      await publishDirectly(replace(SAMPLE_MARKDOWN, FIRST, 'Technology should shape every policy.'));
    });
    const conflict: MergeChunk = { kind: 'conflict', base: `${FIRST}\n`, ours: 'Technology should shape every policy.\n', theirs: 'Technology must shape policy.\n' };

    it('shows the conflict and refuses to merge without a resolution', async () => {
      const view = await detail(id);
      expect(view.merge).toMatchObject({ clean: false, currentRevision: 2 });
      const chunks = view.merge!.clean ? [] : view.merge!.chunks;
      expect(chunks[0]).toEqual(conflict);
      expect(chunks.slice(1)).toEqual([{ kind: 'ok', text: SAMPLE_MARKDOWN.slice(FIRST.length + 1) }]);

      const response = await merge(id, { currentRevision: 2 });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'merge_conflict', details: { chunks, currentRevision: 2 } });
      expect((await currentSection()).revision.number).toBe(2);
    });

    it('publishes the text the editor resolved by hand', async () => {
      const resolvedMarkdown = replace(SAMPLE_MARKDOWN, FIRST, 'Technology must shape every policy.');
      const response = await merge(id, { currentRevision: 2, resolvedMarkdown });
      expect(response.statusCode).toBe(200);
      const revision = (await currentSection()).revision;
      expect(revision).toMatchObject({ number: 3, markdown: resolvedMarkdown });
      expect(revision.summary).toContain('conflicts resolved by Editor');
    });

    it('refuses a merge reviewed against an older revision as stale', async () => {
      const response = await merge(id, { currentRevision: 1, resolvedMarkdown: 'Anything.' });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'stale', details: { currentRevision: 2 } });
      expect((await currentSection()).revision.number).toBe(2);
      expect((await detail(id)).status).toBe('open');
    });
  });

  it('renders the preview exactly as the published revision', async () => {
    const markdown = replace(SAMPLE_MARKDOWN, FIRST, 'Technology *must* shape [policy](https://example.org) <script>alert(1)</script>.');
    const preview = await alice.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown } });
    expect(preview.statusCode).toBe(200);
    const id = await proposeOk(alice, markdown);
    await merge(id, { currentRevision: 1 });
    const { revision } = await currentSection();
    expect(preview.json()).toEqual({ html: revision.html, blocks: revision.blocks });
    expect(revision.html).not.toContain('<script');
  });
});

describe('previewing Markdown', () => {
  it('limits the size of the text and the pace of requests per person', async () => {
    const tooLong = await alice.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: 'x'.repeat(100_001) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.field).toBe('markdown');
    const statuses: number[] = [];
    for (let i = 0; i < 121; i += 1) {
      statuses.push((await alice.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: `Draft ${i}` } })).statusCode);
    }
    expect(statuses.slice(0, 119).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The limit is per person: someone else is not held back.
    expect((await editor.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: 'Mine' } })).statusCode).toBe(200);
  });

  it('sends a long text\'s preview compressed to browsers that accept it, the same rendering each time', async () => {
    const markdown = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of a long draft, with enough words to need a line of its own.`).join('\n\n');
    const preview = () => alice.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown }, headers: { 'accept-encoding': 'gzip' } });
    const [first, again] = [await preview(), await preview()];
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    const rendered = JSON.parse(gunzipSync(first.rawPayload).toString()) as PreviewResponse;
    expect(rendered.blocks).toHaveLength(400);
    expect(rendered.blocks.at(-1)?.text).toBe('Paragraph 399 of a long draft, with enough words to need a line of its own.');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
  });
});

describe('rejecting', () => {
  it('needs a reason, which the proposer then sees', async () => {
    const id = await proposeOk(alice, 'A whole new text.');
    for (const reason of ['', '   ']) {
      const response = await editor.inject({ method: 'POST', url: `/api/proposals/${id}/reject`, payload: { reason } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('reason');
    }
    expect((await editor.inject({ method: 'POST', url: `/api/proposals/${id}/reject`, payload: {} })).statusCode).toBe(400);
    const rejected = await editor.inject({ method: 'POST', url: `/api/proposals/${id}/reject`, payload: { reason: 'It removes the principles.' } });
    expect(rejected.json().proposal.status).toBe('rejected');
    expect((await detail(id, alice)).decision).toMatchObject({ note: 'It removes the principles.', by: { username: editor.username } });
    expect((await merge(id, { currentRevision: 1 })).json().error.code).toBe('proposal_rejected');
  });
});

describe('who may do what', () => {
  it('allows merging and rejecting to editors and admins only; anonymous 401; blocked 403', async () => {
    const id = await proposeOk(alice, 'A whole new text.');
    expect((await merge(id, { currentRevision: 1 }, alice)).statusCode).toBe(403);
    expect((await merge(id, { currentRevision: 1 }, await createActor(app, 'moderator'))).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/proposals/${id}/merge`, payload: { currentRevision: 1 } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: PROPOSALS, payload: { baseRevision: 1, markdown: 'x', summary: 'y' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: 'x' } })).statusCode).toBe(401);
    const blocked = await createActor(app, 'editor', { blocked: true });
    expect((await propose(blocked, 'A whole new text.')).json().error.code).toBe('blocked');
    expect((await merge(id, { currentRevision: 1 }, blocked)).statusCode).toBe(403);
    expect((await merge(id, { currentRevision: 1 }, await createActor(app, 'admin'))).statusCode).toBe(200);
  });

  it('refuses new and revised proposals on a locked section, says why, and still lets editors merge', async () => {
    const id = await proposeOk(alice, 'A whole new text.');
    await app.db.updateTable('sections').set({ locked_at: new Date().toISOString(), locked_reason: 'Legal review.' }).where('id', '=', sectionId).execute();
    const response = await propose(alice, 'Another new text.');
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'section_locked', message: expect.stringContaining('Legal review.') });
    expect((await alice.inject({ url: PROPOSALS })).json().proposing).toMatchObject({ allowed: false, code: 'section_locked' });
    const revise = await alice.inject({ method: 'PATCH', url: `/api/proposals/${id}`, payload: { markdown: 'Revised.', summary: 'Revised' } });
    expect(revise.json().error.code).toBe('section_locked');
    expect((await merge(id, { currentRevision: 1 })).statusCode).toBe(200);
  });

  it('takes no proposals once the consultation has closed, but editors can still review them', async () => {
    const id = await proposeOk(alice, 'A whole new text.');
    await app.db.updateTable('consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await propose(alice, 'Another new text.')).json().error.code).toBe('closed');
    expect((await alice.inject({ method: 'POST', url: `/api/proposals/${id}/comments`, payload: { body: 'Late.' } })).statusCode).toBe(409);
    expect((await merge(id, { currentRevision: 1 })).statusCode).toBe(200);
  });

  it('tells everyone, signed in or not, that a closed consultation takes no proposals (signing in would not help)', async () => {
    await app.db.updateTable('consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await app.inject({ url: PROPOSALS })).json().proposing).toMatchObject({ allowed: false, code: 'closed' });
    expect((await alice.inject({ url: PROPOSALS })).json().proposing).toMatchObject({ allowed: false, code: 'closed' });
  });
});

describe('discussion and live events', () => {
  it('lets anyone signed in comment on a proposal', async () => {
    const id = await proposeOk(alice, 'A whole new text.');
    const bob = await createActor(app, 'citizen');
    const posted = await bob.inject({ method: 'POST', url: `/api/proposals/${id}/comments`, payload: { body: 'I *support* this.' } });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().comment).toMatchObject({ body: 'I *support* this.', html: '<p>I <em>support</em> this.</p>', author: { username: bob.username } });
    expect((await app.inject({ method: 'POST', url: `/api/proposals/${id}/comments`, payload: { body: 'Hi' } })).statusCode).toBe(401);
    expect((await app.inject(`/api/proposals/${id}/comments`)).json().comments).toHaveLength(1);
  });

  it('appends a public event on the section channel for every change, in the same transaction', async () => {
    const first = await proposeOk(alice, replace(SAMPLE_MARKDOWN, FIRST, 'One.'));
    await alice.inject({ method: 'PATCH', url: `/api/proposals/${first}`, payload: { markdown: replace(SAMPLE_MARKDOWN, FIRST, 'Two.'), summary: 'Two' } });
    await merge(first, { currentRevision: 1 });
    const second = await proposeOk(alice, 'Three.', 2);
    await editor.inject({ method: 'POST', url: `/api/proposals/${second}/reject`, payload: { reason: 'No.' } });
    const third = await proposeOk(alice, 'Four.', 2);
    await alice.inject({ method: 'POST', url: `/api/proposals/${third}/withdraw` });
    await alice.inject({ method: 'PUT', url: `${PROPOSALS}/draft`, payload: { baseRevision: 2, markdown: 'Private.', summary: '' } });

    const events = await app.db.selectFrom('events').selectAll().where('type', 'like', 'proposal.%').orderBy('seq').execute();
    expect(events.map((e) => [e.type, JSON.parse(e.payload).id])).toEqual([
      ['proposal.opened', first],
      ['proposal.updated', first],
      ['proposal.merged', first],
      ['proposal.opened', second],
      ['proposal.rejected', second],
      ['proposal.opened', third],
      ['proposal.withdrawn', third],
    ]);
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['section:test-consultation/governance']));
    expect(JSON.parse(events[4]!.payload)).toMatchObject({ status: 'rejected', decisionNote: 'No.', author: { username: alice.username } });
    expect(events.some((e) => e.payload.includes('Private.') || e.payload.includes('"markdown"'))).toBe(false);
  });
});
