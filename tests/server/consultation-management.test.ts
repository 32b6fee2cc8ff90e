import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { createConsultation } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

let app: App;
let admin: Actor;
let editor: Actor;
beforeEach(async () => {
  app = await buildTestApp();
  admin = await createActor(app, 'admin');
  editor = await createActor(app, 'editor');
});

const NEW = { title: 'Digital strategy 2027', slug: 'digital-2027', summary: 'How the council should use technology.', opensAt: '2027-01-04T09:00Z', closesAt: '2027-03-31T17:00:00+01:00', premoderation: true };
const create = (body: unknown, actor: Actor = admin) => actor.inject({ method: 'POST', url: '/api/consultations', payload: body as object });
const changes = async (slug = 'test-consultation') => (await app.inject(`/api/consultations/${slug}/changes`)).json().changes;
const fieldsOf = (response: { json(): { error: { details?: { errors: { field: string }[] }; field?: string } } }) =>
  response.json().error.details?.errors.map((e) => e.field) ?? [response.json().error.field];

describe('creating a consultation', () => {
  it('lets an admin create one, listed with its dates, pre-moderation and a change-log line', async () => {
    const response = await create(NEW);
    expect(response.statusCode).toBe(201);
    expect(response.json().consultation).toMatchObject({ slug: 'digital-2027', title: NEW.title, opensAt: '2027-01-04T09:00:00.000Z', closesAt: '2027-03-31T16:00:00.000Z', phase: 'upcoming' });
    const listed = (await app.inject('/api/consultations')).json().consultations.map((c: { slug: string }) => c.slug);
    expect(listed).toContain('digital-2027');
    const managed = (await editor.inject({ url: '/api/consultations/digital-2027/manage' })).json();
    expect(managed.consultation.premoderation).toBe(true);
    expect(managed.sections).toEqual([]);
    const [line] = await changes('digital-2027');
    expect(line).toMatchObject({ kind: 'created', by: { username: admin.username }, description: 'Created the consultation "Digital strategy 2027"' });
  });

  it('names every field that is wrong, and saves nothing', async () => {
    const response = await create({ title: '', slug: 'Not A Slug', summary: 'x', opensAt: 'tomorrow', closesAt: '31/03/2027' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['title', 'slug', 'opensAt', 'closesAt']);
    expect((await app.inject('/api/consultations')).json().consultations).toEqual([]);
  });

  it('refuses a closing date before the opening, and a day that does not exist', async () => {
    const before = await create({ ...NEW, closesAt: '2027-01-04T08:59Z' });
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toMatchObject({ field: 'closesAt', message: 'The closing date must be after the opening date.' });
    const unreal = await create({ ...NEW, opensAt: '2027-02-30T09:00Z' });
    expect(unreal.json().error).toMatchObject({ field: 'opensAt', message: 'The opening date is not a real date and time.' });
    expect((await app.inject('/api/consultations/digital-2027')).statusCode).toBe(404);
  });

  it('refuses a slug another consultation has', async () => {
    await createConsultation(app.db, { slug: 'digital-2027' });
    const response = await create(NEW);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'slug_taken', field: 'slug' });
  });
});

describe('changing a consultation', () => {
  it('shows the management view to editors only', async () => {
    await createConsultation(app.db);
    expect((await app.inject('/api/consultations/test-consultation/manage')).statusCode).toBe(401);
    expect((await (await createActor(app, 'citizen')).inject({ url: '/api/consultations/test-consultation/manage' })).statusCode).toBe(403);
    expect((await (await createActor(app, 'moderator')).inject({ url: '/api/consultations/test-consultation/manage' })).statusCode).toBe(403);
    expect((await editor.inject({ url: '/api/consultations/test-consultation/manage' })).json().sections).toEqual([{ slug: 'governance', title: 'Governance', position: 1, retiredAt: null }]);
    expect((await editor.inject({ url: '/api/consultations/nothing-here/manage' })).statusCode).toBe(404);
  });

  it('lets an editor change the summary and extend the closing date, each logged with before and after', async () => {
    const { slug } = await createConsultation(app.db);
    const closesAt = inDays(60);
    const response = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { summary: 'A clearer summary.', closesAt } });
    expect(response.statusCode).toBe(200);
    expect(response.json().consultation).toMatchObject({ summary: 'A clearer summary.', closesAt, phase: 'open' });
    const [closing, summary] = await changes();
    expect(summary).toMatchObject({ kind: 'summary_changed', before: 'What we would like your views on.', after: 'A clearer summary.', by: { username: editor.username } });
    expect(closing).toMatchObject({ kind: 'closing_changed', description: 'Extended the closing date', after: closesAt });
  });

  it('brings the closing date forward to now, which closes the consultation', async () => {
    const { slug } = await createConsultation(app.db);
    const response = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { closesAt: new Date().toISOString() } });
    expect(response.json().consultation.phase).toBe('closed');
    expect((await changes())[0].description).toBe('Brought the closing date forward');
  });

  it('refuses a closing date in the past or before the opening, and leaves the summary sent with it unsaved', async () => {
    const { slug } = await createConsultation(app.db);
    const past = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { summary: 'New words', closesAt: inDays(-0.5) } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.field).toBe('closesAt');
    const early = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { closesAt: inDays(-2) } });
    expect(early.json().error.message).toBe('The closing date must be after the opening date.');
    const bad = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { closesAt: 'next week', summary: '' } });
    expect(fieldsOf(bad)).toEqual(['summary', 'closesAt']);
    expect((await app.inject(`/api/consultations/${slug}`)).json().consultation.summary).toBe('What we would like your views on.');
    expect(await changes()).toEqual([]);
  });

  it('keeps the closing date once the outcome is out', async () => {
    const { slug } = await createConsultation(app.db, { opensAt: inDays(-20), closesAt: inDays(-10), outcome: { markdown: 'Done.', html: '<p>Done.</p>', publishedAt: inDays(-1) } });
    const response = await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { closesAt: inDays(5) } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('outcome_published');
  });
});

describe('sections', () => {
  const base = '/api/consultations/test-consultation';

  it('adds a section with its first text, at the end, readable at once', async () => {
    await createConsultation(app.db);
    const response = await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Procurement', slug: 'procurement', markdown: 'Buy in smaller lots.' } });
    expect(response.statusCode).toBe(201);
    const { consultation } = (await app.inject(base)).json();
    expect(consultation.sections.map((s: { slug: string }) => s.slug)).toEqual(['governance', 'procurement']);
    const section = (await app.inject(`${base}/sections/procurement`)).json().section;
    expect(section.revision).toMatchObject({ number: 1, markdown: 'Buy in smaller lots.', author: { username: editor.username } });
    expect((await changes())[0]).toMatchObject({ kind: 'section_added', section: { slug: 'procurement', title: 'Procurement' } });
  });

  it('refuses a taken slug, an empty text and a bad slug, creating nothing', async () => {
    await createConsultation(app.db);
    const taken = await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Again', slug: 'governance', markdown: 'Text.' } });
    expect(taken.json().error).toMatchObject({ code: 'slug_taken', field: 'slug' });
    const empty = await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Empty', slug: 'empty', markdown: '   ' } });
    expect(empty.json().error.field).toBe('markdown');
    const bad = await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Bad', slug: '-bad', markdown: 'Text.' } });
    expect(bad.json().error.field).toBe('slug');
    for (const page of ['manage', 'analysis']) {
      const reserved = await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Reserved', slug: page, markdown: 'Text.' } });
      expect(reserved.json().error).toMatchObject({ field: 'slug', message: expect.stringContaining("consultation's own pages") });
    }
    expect((await app.inject(base)).json().consultation.sections).toHaveLength(1);
    expect(await app.db.selectFrom('sections').select('slug').execute()).toHaveLength(1);
  });

  it('renames and reorders sections, logging both', async () => {
    await createConsultation(app.db, { sections: [{ slug: 'a', title: 'A', markdown: 'One.' }, { slug: 'b', title: 'B', markdown: 'Two.' }, { slug: 'c', title: 'C', markdown: 'Three.' }] });
    expect((await editor.inject({ method: 'PATCH', url: `${base}/sections/b`, payload: { title: 'Bee' } })).statusCode).toBe(204);
    expect((await editor.inject({ method: 'PUT', url: `${base}/section-order`, payload: { sections: ['c', 'a', 'b'] } })).statusCode).toBe(204);
    const { consultation } = (await app.inject(base)).json();
    expect(consultation.sections.map((s: { title: string; position: number }) => [s.title, s.position])).toEqual([['C', 1], ['A', 2], ['Bee', 3]]);
    const [order, rename] = await changes();
    expect(rename).toMatchObject({ kind: 'section_renamed', before: 'B', after: 'Bee' });
    expect(order).toMatchObject({ kind: 'sections_reordered', before: 'A · Bee · C', after: 'C · A · Bee' });
  });

  it('refuses an order that leaves out or repeats a section', async () => {
    await createConsultation(app.db, { sections: [{ slug: 'a', markdown: 'One.' }, { slug: 'b', markdown: 'Two.' }] });
    for (const sections of [['a'], ['a', 'a'], ['a', 'b', 'z']]) {
      const response = await editor.inject({ method: 'PUT', url: `${base}/section-order`, payload: { sections } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('sections');
    }
    const blank = await editor.inject({ method: 'PATCH', url: `${base}/sections/a`, payload: { title: '   ' } });
    expect(blank.json().error.field).toBe('title');
  });

  it('retires a section: unlisted, closed to comments and proposals, still readable, and not retired twice', async () => {
    await createConsultation(app.db, { sections: [{ slug: 'a', markdown: 'One.' }, { slug: 'b', markdown: 'Two.' }] });
    const citizen = await createActor(app, 'citizen');
    expect((await editor.inject({ method: 'POST', url: `${base}/sections/b/retire`, payload: { reason: 'Merged into A' } })).statusCode).toBe(204);
    expect((await app.inject(base)).json().consultation.sections.map((s: { slug: string }) => s.slug)).toEqual(['a']);
    const page = (await app.inject(`${base}/sections/b`)).json().section;
    expect(page.commentsClosedNote).toBe('This section was retired: Merged into A');
    const comment = await citizen.inject({ method: 'POST', url: `${base}/sections/b/comments`, payload: { kind: 'support', body: 'Too late' } });
    expect(comment.statusCode).toBe(409);
    const proposal = await citizen.inject({ method: 'POST', url: `${base}/sections/b/proposals`, payload: { baseRevision: 1, markdown: 'New.', summary: 'x' } });
    expect(proposal.statusCode).toBe(409);
    const again = await editor.inject({ method: 'POST', url: `${base}/sections/b/retire`, payload: { reason: 'Again' } });
    expect(again.json().error.code).toBe('section_retired');
    const noReason = await editor.inject({ method: 'POST', url: `${base}/sections/a/retire`, payload: { reason: '' } });
    expect(noReason.json().error.field).toBe('reason');
    expect((await editor.inject({ url: `${base}/manage` })).json().sections.map((s: { slug: string; retiredAt: string | null }) => [s.slug, s.retiredAt !== null])).toEqual([['a', false], ['b', true]]);
  });
});

describe('the outcome', () => {
  it('cannot be published while the consultation is open, then can once it has closed', async () => {
    const { slug } = await createConsultation(app.db);
    const early = await editor.inject({ method: 'PUT', url: `/api/consultations/${slug}/outcome`, payload: { markdown: 'We listened.' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('still_open');
    await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}`, payload: { closesAt: new Date().toISOString() } });
    const published = await editor.inject({ method: 'PUT', url: `/api/consultations/${slug}/outcome`, payload: { markdown: 'We **listened**.' } });
    expect(published.statusCode).toBe(200);
    expect(published.json().consultation.phase).toBe('outcome');
    expect((await app.inject(`/api/consultations/${slug}`)).json().consultation.outcome.html).toBe('<p>We <strong>listened</strong>.</p>');
    const corrected = await editor.inject({ method: 'PUT', url: `/api/consultations/${slug}/outcome`, payload: { markdown: 'We listened, and changed three sections.' } });
    expect(corrected.statusCode).toBe(200);
    expect((await changes()).map((c: { kind: string }) => c.kind)).toEqual(['outcome_updated', 'outcome_published', 'closing_changed']);
  });

  it('refuses an empty outcome and raw HTML survives only as stripped text', async () => {
    const { slug } = await createConsultation(app.db, { opensAt: inDays(-20), closesAt: inDays(-1) });
    const empty = await editor.inject({ method: 'PUT', url: `/api/consultations/${slug}/outcome`, payload: { markdown: '  ' } });
    expect(empty.json().error.field).toBe('markdown');
    await editor.inject({ method: 'PUT', url: `/api/consultations/${slug}/outcome`, payload: { markdown: 'Fine <script>alert(1)</script> text' } });
    expect((await app.inject(`/api/consultations/${slug}`)).json().consultation.outcome.html).not.toContain('<script');
  });
});

describe('live', () => {
  it('sends each change to everyone watching the consultation', async () => {
    const { slug } = await createConsultation(app.db);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const watcher = await LiveTestClient.connect(url, { origin: app.config.siteOrigin });
    await watcher.subscribe(`consultation:${slug}`);
    await editor.inject({ method: 'PATCH', url: `/api/consultations/${slug}/sections/governance`, payload: { title: 'How decisions are made' } });
    const frame = await watcher.next((m) => m.type === 'event' && m.event.type === 'consultation.changed');
    expect(frame).toMatchObject({ channel: `consultation:${slug}`, event: { data: { kind: 'section_renamed', after: 'How decisions are made', by: { username: editor.username } } } });
    watcher.close();
  });
});
