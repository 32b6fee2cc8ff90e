import { beforeEach, describe, expect, it } from 'vitest';
import { renderDocumentOffThread } from '../../server/markdown/render-off-thread';
import { LARGE_DOCUMENT, renderDocument } from '../../server/markdown/render';
import type { App } from '../../server/platform/fastify';
import { createConsultation, publishRevisionNow, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

/** A long legal text (~100 KB): numbered articles with emphasis, links, lists and a table. */
function legalText(articles = 120): string {
  return Array.from({ length: articles }, (_, n) =>
    [
      `## Article ${n + 1}: Duties of the contracting authority`,
      `The authority **shall** publish each [notice](https://example.org/notices/${n}) within *ten working days*, and keep a record of every decision taken under paragraph ${n}.`,
      '- a register of contracts above the threshold;\n- the reasons for each award;\n- the names of the evaluators.',
      '| Stage | Deadline |\n|---|---|\n| Notice | 10 days |\n| Award | 30 days |',
    ].join('\n\n'),
  ).join('\n\n');
}

let app: App;

/** How many quick requests are answered before `pending` settles (counting stops past 10). */
async function requestsAnsweredDuring(pending: Promise<unknown>): Promise<number> {
  let settled = false;
  void pending.finally(() => {
    settled = true;
  });
  let answered = 0;
  while (!settled && answered <= 10) {
    const response = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
    expect(response.statusCode).toBe(200);
    if (!settled) answered++;
  }
  return answered;
}
let citizen: Actor;
beforeEach(async () => {
  app = await buildTestApp();
  citizen = await createActor(app);
});

describe('rendering a large document off the event loop', () => {
  it('previews exactly what the publisher would render', async () => {
    const markdown = legalText();
    expect(markdown.length).toBeGreaterThan(LARGE_DOCUMENT);
    const response = await citizen.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown } });
    expect(response.statusCode).toBe(200);
    const expected = renderDocument(markdown);
    expect(response.json()).toEqual({ html: expected.html, blocks: expected.blocks });
  });

  it('keeps answering other requests while a long text renders', async () => {
    const preview = citizen.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: legalText(200) } });
    // On the event loop the render would let one or two through at most.
    expect(await requestsAnsweredDuring(preview)).toBeGreaterThan(10);
    expect((await preview).json()).toMatchObject({ blocks: expect.any(Array) });
  });

  it('renders the text a merge makes before the write lock, off the event loop', async () => {
    const { sectionIds } = await createConsultation(app.db);
    const section = '/api/consultations/test-consultation/sections/governance';
    const proposed = await citizen.inject({ method: 'POST', url: `${section}/proposals`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\n${legalText()}`, summary: 'Add the articles' } });
    expect(proposed.statusCode).toBe(201);
    // The section moves on, so the merged text is one nobody has rendered yet.
    const meanwhile = SAMPLE_MARKDOWN.replace('from the start', 'from the very start');
    await publishRevisionNow(app.db, { sectionId: sectionIds.governance!, markdown: meanwhile, summary: 'Sharper opening', authorId: null });

    const editor = await createActor(app, 'editor');
    const merge = editor.inject({ method: 'POST', url: `/api/proposals/${proposed.json().proposal.id}/merge`, payload: { currentRevision: 2 } });
    expect(await requestsAnsweredDuring(merge)).toBeGreaterThan(10);
    expect((await merge).json()).toMatchObject({ revision: 3 });

    const published = (await app.inject({ method: 'GET', url: `${section}/revisions/3` })).json().revision;
    expect(published.markdown).toBe(`${meanwhile}\n${legalText()}\n`.replace(/\n+$/, '\n'));
    expect(published.html).toBe(renderDocument(published.markdown).html);
  });

  it('refuses a text that takes longer than its budget, naming the field', async () => {
    const refusal = renderDocumentOffThread(legalText(121), 'markdown', 1); // a text not rendered (and cached) before
    await expect(refusal).rejects.toMatchObject({ statusCode: 400, code: 'markdown_too_complex', field: 'markdown' });
    // The thread was stopped and replaced: the next text renders.
    const next = legalText(40);
    expect(next.length).toBeGreaterThan(LARGE_DOCUMENT);
    await expect(renderDocumentOffThread(next, 'markdown')).resolves.toEqual(renderDocument(next));
  });
});
