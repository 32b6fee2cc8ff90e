import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it} from 'vitest';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { hideOk } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const EXPORTS = '/api/consultations/test-consultation/exports';

let app: App;
let alice: Actor;
let moderator: Actor;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  alice = await createActor(app, 'citizen', { username: 'alice' });
  moderator = await createActor(app, 'moderator', { username: 'mo' });
  editor = await createActor(app, 'editor', { username: 'ed' });
  await app.db.updateTable('users').set({ email: 'alice@example.org' }).where('username', '=', 'alice').execute();
});

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true });

describe('exports of a consultation', () => {
  it('gives every visible comment as RFC 4180 CSV with a BOM, the quote as posted and formulas neutralised', async () => {
    const anchor = await anchorOn(app, 'assess the technology');
    const quoted = await postOk(alice, { kind: 'object', body: '=HYPERLINK("http://evil.example","click"), and "quotes",\nover two lines', anchor });
    const reply = await postOk(alice, { kind: 'support', body: '+1 to that', parentId: quoted.id });
    const response = await app.inject(`${EXPORTS}/comments.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="test-consultation-comments.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body).toContain('\r\n');
    const rows = rowsOf(response.body);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: String(quoted.id),
      section: 'governance',
      kind: 'object',
      thread_id: String(quoted.id),
      quoted_passage: 'assess the technology',
      anchor_state: 'anchored',
      written_on_version: '1',
      body: `'=HYPERLINK("http://evil.example","click"), and "quotes",\nover two lines`,
      author: quoted.author!.displayName,
    });
    expect(rows[1]).toMatchObject({ id: String(reply.id), parent_id: String(quoted.id), thread_id: String(quoted.id), body: "'+1 to that" });
    expect(Object.keys(rows[0]!)).not.toContain('status');
  });

  it('leaves hidden comments out of the public export, and gives staff them with the reason', async () => {
    const shown = await postOk(alice, { kind: 'general', body: 'A fair point about budgets.' });
    const hidden = await postOk(alice, { kind: 'general', body: 'Buy cheap watches at spam.example' });
    await hideOk(moderator, hidden.id, 'Advertising');
    const publicRows = rowsOf((await app.inject(`${EXPORTS}/comments.csv`)).body);
    expect(publicRows.map((r) => r.id)).toEqual([String(shown.id)]);
    for (const staff of [moderator, editor]) {
      const response = await staff.inject({ method: 'GET', url: `${EXPORTS}/comments.csv?scope=staff` });
      expect(response.headers['content-disposition']).toContain('test-consultation-comments-staff.csv');
      const rows = rowsOf(response.body);
      expect(rows.map((r) => [r.id, r.status, r.hidden_reason])).toEqual([
        [String(shown.id), 'visible', ''],
        [String(hidden.id), 'hidden', 'Advertising'],
      ]);
    }
  });

  it('keeps the staff export from citizens and visitors', async () => {
    expect((await app.inject(`${EXPORTS}/comments.csv?scope=staff`)).statusCode).toBe(401);
    const response = await alice.inject({ method: 'GET', url: `${EXPORTS}/comments.jsonl?scope=staff` });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('gives JSON Lines with the same columns, and never an email address or password hash', async () => {
    await postOk(alice, { kind: 'question', body: 'What about rural areas?' });
    for (const url of [`${EXPORTS}/comments.jsonl?scope=staff`, `${EXPORTS}/revisions.jsonl`]) {
      const response = await editor.inject({ method: 'GET', url });
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(response.body).not.toMatch(/alice@example\.org|\$argon2/);
      const lines = response.body.trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(lines.length).toBeGreaterThan(0);
    }
    const [comment] = (await app.inject(`${EXPORTS}/comments.jsonl`)).body.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(comment).toMatchObject({ kind: 'question', body: 'What about rural areas?', quoted_passage: null, endorsements: 0 });
  });

  it('gives every version of every section', async () => {
    const rows = rowsOf((await app.inject(`${EXPORTS}/revisions.csv`)).body);
    expect(rows.map((r) => [r.section, r.version, r.summary])).toEqual([['governance', '1', 'First published text']]);
    expect(rows[0]!.markdown).toContain('## Key principles');
    expect(rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives every sent suggestion with its supports and decision, never one still in a basket', async () => {
    const suggestions = '/api/consultations/test-consultation/sections/governance/suggestions';
    const source: string = (await app.inject(suggestions)).json().blockSources[0];
    const suggest = async (actor: Actor, from: string, to: string, send = true) => {
      const start = source.indexOf(from);
      const response = await actor.inject({ method: 'POST', url: suggestions, payload: { baseRevision: 1, block: 0, start, end: start + from.length, replacement: to, reason: 'Clearer, "quoted"', send } });
      expect(response.statusCode).toBe(201);
      return response.json().suggestion.id as number;
    };
    const sent = await suggest(alice, 'from the start', '=at every stage');
    await suggest(moderator, 'Technology', 'Digital technology', false);
    for (const supporter of [moderator, editor]) expect((await supporter.inject({ method: 'POST', url: `/api/suggestions/${sent}/support` })).statusCode).toBe(200);

    const aliceName = (await app.db.selectFrom('users').select('display_name').where('id', '=', alice.id).executeTakeFirstOrThrow()).display_name;
    const csv = await app.inject(`${EXPORTS}/suggestions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="test-consultation-suggestions.csv"');
    const rows = rowsOf(csv.body);
    expect(rows.map((row) => [row.id, row.status, row.supports, row.author, row.original, row.replacement, row.reason, row.written_on_version])).toEqual([
      [String(sent), 'open', '2', aliceName, 'from the start', "'=at every stage", 'Clearer, "quoted"', '1'],
    ]);
    expect(rows[0]!.passage_after).toBe('Technology should shape policy =at every stage.');
    const json = (await app.inject(`${EXPORTS}/suggestions.jsonl`)).body.trim().split('\n').map((line) => JSON.parse(line));
    expect(json.map((row) => [row.id, row.supports, row.accepted_in_version])).toEqual([[sent, 2, null]]);

    const accepted = await editor.inject({ method: 'POST', url: `${suggestions}/accept`, payload: { ids: [sent], currentRevision: 1 } });
    expect(accepted.statusCode).toBe(200);
    const after = rowsOf((await app.inject(`${EXPORTS}/suggestions.csv`)).body);
    expect(after.map((row) => [row.status, row.supports, row.accepted_in_version])).toEqual([['accepted', '2', '2']]);
  });

  it('lists the downloads each viewer may take', async () => {
    const links = async (actor?: Actor) =>
      (actor ? await actor.inject({ method: 'GET', url: EXPORTS }) : await app.inject(EXPORTS)).json().exports.map((l: { url: string }) => l.url);
    const everyone = ['comments.csv', 'comments.jsonl', 'revisions.csv', 'revisions.jsonl', 'suggestions.csv', 'suggestions.jsonl', 'open-data.zip'].map((file) => `${EXPORTS}/${file}`);
    expect(await links()).toEqual(everyone);
    expect(await links(alice)).toEqual(everyone);
    expect(await links(editor)).toEqual([...everyone, `${EXPORTS}/comments.csv?scope=staff`, `${EXPORTS}/comments.jsonl?scope=staff`]);
    expect((await app.inject('/api/consultations/nothing-here/exports')).statusCode).toBe(404);
  });

  it('answers 404 for an unknown consultation and 400 for an unknown file or scope', async () => {
    expect((await app.inject('/api/consultations/nothing-here/exports/comments.csv')).statusCode).toBe(404);
    expect((await app.inject(`${EXPORTS}/comments.xlsx`)).statusCode).toBe(400);
    expect((await app.inject(`${EXPORTS}/comments.csv?scope=everyone`)).statusCode).toBe(400);
  });
});

describe('the open-data ZIP', () => {
  it('streams the public CSV and JSON Lines exports with a README of their columns, and nothing staff-only', async () => {
    const { unzip } = await import('../helpers/unzip');
    const shown = await postOk(alice, { kind: 'general', body: 'A fair point about budgets.', respondent: { type: 'organisation', organisation: 'Budget Watch' } });
    const hidden = await postOk(alice, { kind: 'general', body: 'Buy cheap watches at spam.example' });
    await hideOk(moderator, hidden.id, 'Advertising');

    const links = (await app.inject(EXPORTS)).json().exports as { file: string; url: string }[];
    const zipLink = links.find((link) => link.file === 'open-data.zip');
    expect(zipLink?.url).toBe(`${EXPORTS}/open-data.zip`);
    const response = await app.inject(zipLink!.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe('attachment; filename="test-consultation-open-data.zip"');

    const files = await unzip(response.rawPayload);
    expect([...files.keys()].sort()).toEqual(['README.md', 'comments.csv', 'comments.jsonl', 'revisions.csv', 'revisions.jsonl', 'suggestions.csv', 'suggestions.jsonl']);
    for (const file of ['comments.csv', 'comments.jsonl', 'revisions.csv', 'revisions.jsonl', 'suggestions.csv', 'suggestions.jsonl']) {
      expect(files.get(file)!.equals((await app.inject(`${EXPORTS}/${file}`)).rawPayload), file).toBe(true);
    }
    const comments = rowsOf(files.get('comments.csv')!.toString('utf8'));
    expect(comments.map((row) => [row.id, row.respondent_type, row.organisation])).toEqual([[String(shown.id), 'organisation', 'Budget Watch']]);
    const readme = files.get('README.md')!.toString('utf8');
    for (const column of [...Object.keys(comments[0]!), 'sha256', 'markdown', 'supports', 'passage_after']) expect(readme).toContain(`| \`${column}\` |`);
    expect(readme).not.toContain('hidden_reason');
  });

  it('refuses scope=staff for the open-data ZIP, naming the field', async () => {
    const response = await editor.inject({ url: `${EXPORTS}/open-data.zip?scope=staff` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('scope');
  });
});
