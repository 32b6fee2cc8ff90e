import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { createConsultation, publishRevisionNow } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';

let app: App;
beforeEach(async () => {
  app = await buildTestApp();
});

describe('consultations API', () => {
  it('lists consultations with their phase', async () => {
    await createConsultation(app.db, { slug: 'open-one' });
    await createConsultation(app.db, { slug: 'closed-one', opensAt: '2010-01-01T00:00:00.000Z', closesAt: '2010-03-14T23:59:59.999Z' });
    const response = await app.inject('/api/consultations');
    expect(response.statusCode).toBe(200);
    const phases = Object.fromEntries(response.json().consultations.map((c: { slug: string; phase: string }) => [c.slug, c.phase]));
    expect(phases).toEqual({ 'open-one': 'open', 'closed-one': 'closed' });
  });

  it('shows a consultation with its sections in order', async () => {
    await createConsultation(app.db, {
      sections: [
        { slug: 'governance', title: 'Governance', markdown: 'One.' },
        { slug: 'architecture', title: 'Architecture', markdown: 'Two.' },
      ],
    });
    const { consultation } = (await app.inject('/api/consultations/test-consultation')).json();
    expect(consultation.sections.map((s: { slug: string }) => s.slug)).toEqual(['governance', 'architecture']);
    expect(consultation.sections[0]).toMatchObject({ title: 'Governance', position: 1, revision: 1 });
    expect(consultation.sections[0].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('serves a section with rendered HTML and addressable blocks', async () => {
    await createConsultation(app.db);
    const response = await app.inject('/api/consultations/test-consultation/sections/governance');
    expect(response.statusCode).toBe(200);
    const { section } = response.json();
    expect(section.commentsClosed).toBe(false);
    expect(section.revision.number).toBe(1);
    expect(section.revision.html).toContain('<h2 data-block-id="h-');
    const texts = section.revision.blocks.map((b: { text: string }) => b.text);
    expect(texts).toContain('Publish spending on technology every quarter.');
    const types = new Set(section.revision.blocks.map((b: { type: string }) => b.type));
    expect(types).toEqual(new Set(['paragraph', 'heading', 'list-item']));
  });

  it('lists revisions newest first and serves each one', async () => {
    const { sectionIds } = await createConsultation(app.db);
    await publishRevisionNow(app.db, { sectionId: sectionIds.governance!, markdown: 'Second text.', summary: 'Shorter', authorId: null });
    const list = (await app.inject('/api/consultations/test-consultation/sections/governance/revisions')).json();
    expect(list.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect(list.revisions[0].summary).toBe('Shorter');
    const first = (await app.inject('/api/consultations/test-consultation/sections/governance/revisions/1')).json();
    expect(first.revision.markdown).toContain('Technology should shape policy');
    const current = (await app.inject('/api/consultations/test-consultation/sections/governance')).json();
    expect(current.section.revision.markdown).toBe('Second text.');
  });

  it.each([
    ['/api/consultations/missing', 404, 'not_found'],
    ['/api/consultations/test-consultation/sections/missing', 404, 'not_found'],
    ['/api/consultations/test-consultation/sections/governance/revisions/9', 404, 'not_found'],
    ['/api/consultations/test-consultation/sections/governance/revisions/abc', 400, 'invalid_input'],
    ['/api/consultations/test-consultation/sections/governance/revisions/0', 400, 'invalid_input'],
    ['/api/consultations/NOT%20A%20SLUG', 400, 'invalid_input'],
    ['/api/no-such-endpoint', 404, 'not_found'],
  ])('GET %s → %i with the JSON error shape', async (url, status, code) => {
    await createConsultation(app.db);
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('answers unknown methods on API paths with a JSON 404', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/consultations' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('serves the app for any non-API path so reloading a URL works', async () => {
    const response = await app.inject('/c/some-consultation/some-section');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<agora-app>');
  });

  it('publishes an OpenAPI document describing every route', async () => {
    const response = await app.inject('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/consultations', '/api/consultations/{c}/sections/{s}/revisions/{n}']));
  });
});
