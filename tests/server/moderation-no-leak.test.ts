import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionChannel, consultationChannel } from '../../server/contracts/live';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { act, establish, hideOk, report } from '../helpers/moderation';
import { routePaths } from '../helpers/routes';
import { buildSuiteApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

/**
 * Hidden means hidden: text that moderators hid, or that waits for approval, appears in no
 * response a citizen or an anonymous visitor can fetch — from any GET route the app has — and
 * never comes down their live socket, not even when it replays the whole log.
 */

// Unique strings, so finding one anywhere can only be a leak.
const MARKERS = {
  hidden: 'Zebulon-Quartz-8812 hidden by a moderator',
  editedAway: 'Marmalade-Vortex-1193 in the first version only',
  reply: 'Pelican-Umber-5520 hidden reply',
  reported: 'Tangerine-Gasket-7306 hidden by reports',
  blocked: 'Walrus-Cobalt-2271 from a blocked account',
  pending: 'Heron-Saffron-6604 waiting for approval',
  pendingEdit: 'Osprey-Lilac-3917 pending and edited',
  hiddenProposal: 'Lynx-Garnet-4480 proposal hidden by a moderator',
  hiddenProposalComment: 'Badger-Indigo-6152 proposal comment hidden',
  blockedProposal: 'Stoat-Amber-9034 proposal from a blocked account',
  pendingProposal: 'Finch-Teal-2719 proposal waiting for approval',
  pendingProposalComment: 'Vole-Ochre-8846 proposal comment waiting',
};
const leaked = (text: string): string[] => Object.values(MARKERS).filter((marker) => text.includes(marker));

const CHANNELS = [sectionChannel('test-consultation', 'governance'), consultationChannel('test-consultation')];

let app: App;
let url: string;
let consultationId: number;
let author: Actor;
let citizen: Actor;
let editor: Actor;
let moderator: Actor;
const ids: Record<string, number> = {};
let proposalId: number;
const proposalIds: number[] = [];
const sockets: LiveTestClient[] = [];

async function connect(actor?: Actor): Promise<LiveTestClient> {
  const client = await LiveTestClient.connect(url, { origin: app.config.siteOrigin, cookie: actor?.cookie });
  sockets.push(client);
  return client;
}

/** Every frame sent before this returns has arrived (the socket keeps order). */
async function settled(client: LiveTestClient): Promise<void> {
  await app.liveHub.idle();
  const pongs = client.messages.filter((m) => m.type === 'pong').length;
  client.send({ type: 'ping' });
  await client.next(() => client.messages.filter((m) => m.type === 'pong').length > pongs);
}

beforeAll(async () => {
  app = await buildSuiteApp({ rateLimitPerMinute: 100_000 });
  ({ consultationId } = await createConsultation(app.db));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  [author, citizen, editor, moderator] = [await createActor(app), await createActor(app), await createActor(app, 'editor'), await createActor(app, 'moderator')];

  // Everything that will be hidden is first published (and so already in the event log).
  const hidden = await postOk(author, { kind: 'object', body: MARKERS.editedAway, anchor: await anchorOn(app, 'Publish spending on technology every quarter.') });
  await author.inject({ method: 'PATCH', url: `/api/comments/${hidden.id}`, payload: { body: MARKERS.hidden } });
  const root = await postOk(citizen, { body: 'A visible thread' });
  const reply = await postOk(author, { body: MARKERS.reply, parentId: root.id });
  const reported = await postOk(author, { body: MARKERS.reported });
  const spammer = await createActor(app);
  const blocked = await postOk(spammer, { body: MARKERS.blocked });
  Object.assign(ids, { hidden: hidden.id, root: root.id, reply: reply.id, reported: reported.id, blocked: blocked.id });
  const readers = [await createActor(app), await createActor(app), citizen];
  for (const reader of readers) await establish(app, reader);
  for (const reader of readers.slice(0, 2)) await report(reader, reported.id, 'abuse');
  const proposal = await citizen.inject({ method: 'POST', url: `${SECTION_URL}/proposals`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nA new line.\n`, summary: 'One more line' } });
  proposalId = proposal.json().proposal?.id ?? 1;
  const propose = async (actor: Actor, marker: string) => {
    const payload = { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\n${marker} in the text.\n`, summary: marker };
    const id = (await actor.inject({ method: 'POST', url: `${SECTION_URL}/proposals`, payload })).json().proposal.id as number;
    proposalIds.push(id);
    return id;
  };
  const hiddenProposal = await propose(author, MARKERS.hiddenProposal);
  await propose(spammer, MARKERS.blockedProposal);
  const hiddenProposalComment = (await author.inject({ method: 'POST', url: `/api/proposals/${proposalId}/comments`, payload: { body: MARKERS.hiddenProposalComment } })).json().comment.id;

  // Citizens, an editor and an anonymous visitor watch the section live while moderators act.
  for (const viewer of [citizen, editor, undefined]) {
    const client = await connect(viewer);
    for (const channel of CHANNELS) await client.subscribe(channel);
  }

  await hideOk(moderator, hidden.id, 'personal attack');
  await act(moderator, hidden.id, 'close', { note: 'Comments are now closed.' });
  await hideOk(moderator, reply.id, 'abuse');
  await report(readers[2]!, reported.id, 'abuse'); // the third report hides it
  await moderator.inject({ method: 'POST', url: `/api/moderation/users/${spammer.id}/block`, payload: { reason: 'advertising', hideAll: true } });
  await moderator.inject({ method: 'POST', url: `/api/proposals/${hiddenProposal}/hide`, payload: { reason: 'personal attack' } });
  await moderator.inject({ method: 'POST', url: `/api/proposal-comments/${hiddenProposalComment}/hide`, payload: { reason: 'abuse' } });

  // Content that is never public: a new account's comments under pre-moderation, one of them edited.
  await app.db.updateTable('consultations').set({ premoderation: 1 }).where('id', '=', consultationId).execute();
  const newcomer = await createActor(app);
  ids.pending = (await postOk(newcomer, { body: MARKERS.pending })).id;
  const pendingEdit = await postOk(newcomer, { body: 'Draft words', parentId: root.id });
  await newcomer.inject({ method: 'PATCH', url: `/api/comments/${pendingEdit.id}`, payload: { body: MARKERS.pendingEdit } });
  ids.pendingEdit = pendingEdit.id;
  await propose(newcomer, MARKERS.pendingProposal);
  await newcomer.inject({ method: 'POST', url: `/api/proposals/${proposalId}/comments`, payload: { body: MARKERS.pendingProposalComment } });

  // A new version drops the hidden comment's passage, so it is listed as orphaned too.
  const edited = SAMPLE_MARKDOWN.replace('- Publish spending on technology every quarter.\n', '');
  await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: 1, markdown: edited, summary: 'Drop a line' } });
  for (const client of sockets) await settled(client);
});

afterAll(async () => {
  for (const client of sockets) client.close();
  await app?.close();
});

/** Concrete URLs for one routed GET path: parameters filled from the fixtures, bare and with a query. */
function concreteUrls(path: string): string[] {
  if (path === '/api/live') return []; // the websocket: see the live checks below
  const values: [RegExp, string[]][] = [
    [/:c\b/, ['test-consultation']],
    [/:s\b/, ['governance']],
    [/:n\b/, ['1', '2']],
    [/:id\b/, path.startsWith('/api/proposals') ? [proposalId, ...proposalIds].map(String) : Object.values(ids).map(String)],
    [/\*$/, [path.startsWith('/api/docs') ? 'json' : 'c/test-consultation/governance']],
  ];
  let urls = [path];
  for (const [token, options] of values) if (token.test(path)) urls = urls.flatMap((u) => options.map((value) => u.replace(token, value)));
  return urls.map((u) => (u.startsWith('/') ? u : `/${u}`)).flatMap((u) => [u, `${u}?from=1&to=2&page=1&sort=position&kind=object&q=Zebulon`]);
}

describe('hidden and pending text never leaks', () => {
  it('is in no GET response for anonymous visitors, other citizens or editors', async () => {
    await app.ready();
    const urls = routePaths(app, 'GET').flatMap(concreteUrls);
    const viewers: [string, Actor | undefined][] = [['anonymous', undefined], ['citizen', citizen], ['editor', editor]];
    const ok = new Set<string>();
    for (const [name, viewer] of viewers) {
      for (const target of urls) {
        const response = viewer ? await viewer.inject({ method: 'GET', url: target }) : await app.inject({ method: 'GET', url: target });
        expect(leaked(response.body + JSON.stringify(response.headers)), `${name}: GET ${target} (${response.statusCode})`).toEqual([]);
        if (response.statusCode === 200) ok.add(target.split('?')[0]!);
      }
    }
    // The routes that carry comments did answer, so the check above means something.
    for (const path of [`/api/proposals/${proposalId}/comments`, `${SECTION_URL}/proposals`, `/api/comments/${ids.hidden}`, `/api/comments/${ids.reply}`, `${SECTION_URL}/comments`, `${SECTION_URL}/orphaned-comments`, '/api/moderation/log', '/feeds/consultations/test-consultation/comments.atom']) {
      expect(ok, path).toContain(path);
    }
  });

  it('is there for moderators, so the check above would catch a leak', async () => {
    const thread = (await moderator.inject({ method: 'GET', url: `/api/comments/${ids.root}` })).body;
    expect(leaked(thread)).toEqual([MARKERS.reply, MARKERS.pendingEdit]);
    expect(leaked((await moderator.inject({ method: 'GET', url: '/api/moderation/queue' })).body)).toEqual(expect.arrayContaining([MARKERS.reported, MARKERS.pending]));
    expect(leaked((await author.inject({ method: 'GET', url: `/api/comments/${ids.hidden}/versions` })).body)).toEqual([MARKERS.hidden, MARKERS.editedAway]);
    const proposalQueue = (await moderator.inject({ method: 'GET', url: '/api/moderation/proposal-queue' })).body;
    expect(leaked(proposalQueue)).toEqual(expect.arrayContaining([MARKERS.pendingProposal, MARKERS.pendingProposalComment]));
    const proposals = (await moderator.inject({ method: 'GET', url: `${SECTION_URL}/proposals` })).body;
    expect(leaked(proposals)).toEqual(expect.arrayContaining([MARKERS.hiddenProposal, MARKERS.blockedProposal, MARKERS.pendingProposal]));
    expect(leaked((await moderator.inject({ method: 'GET', url: `/api/proposals/${proposalId}/comments` })).body)).toEqual([MARKERS.hiddenProposalComment, MARKERS.pendingProposalComment]);
  });

  it('never reaches a citizen’s, an editor’s or an anonymous live socket', async () => {
    for (const client of sockets) {
      expect(client.events().length).toBeGreaterThan(0);
      expect(leaked(JSON.stringify(client.messages))).toEqual([]);
    }
    const tombstone = sockets[0]!.events().find((e) => e.event.type === 'comment.hidden');
    expect(tombstone?.event.data).toMatchObject({ id: ids.hidden, body: '', notice: 'Hidden by a moderator: personal attack' });
  });

  it('is not replayed from the start of the log (since: 0) to a citizen or an anonymous visitor', async () => {
    for (const viewer of [citizen, undefined]) {
      const client = await connect(viewer);
      for (const channel of CHANNELS) await client.subscribe(channel, 0);
      await settled(client);
      expect(client.events().length).toBeGreaterThan(5);
      expect(leaked(JSON.stringify(client.messages)), viewer ? 'citizen' : 'anonymous').toEqual([]);
    }
  });

  it('keeps the moderation channel to moderators', async () => {
    const client = await connect(citizen);
    client.send({ type: 'subscribe', channels: ['moderation'], since: 0 });
    await client.next((m) => m.type === 'error' && m.channel === 'moderation');
    await settled(client);
    expect(client.events()).toEqual([]);
    const watcher = await connect(moderator);
    await watcher.subscribe('moderation', 0);
    await settled(watcher);
    expect(new Set(watcher.events().map((e) => e.event.type))).toEqual(new Set(['report.created', 'queue.changed']));
  });
});
