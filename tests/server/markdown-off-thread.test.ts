import { beforeEach, describe, expect, it } from 'vitest';
import { renderDocumentOffThread } from '../../server/markdown/render-off-thread';
import { LARGE_DOCUMENT, renderDocument } from '../../server/markdown/render';
import type { App } from '../../server/platform/fastify';
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
    let previewDone = false;
    const preview = citizen
      .inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown: legalText(200) } })
      .finally(() => {
        previewDone = true;
      });
    let answeredMeanwhile = 0;
    while (!previewDone && answeredMeanwhile <= 10) {
      const response = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
      expect(response.statusCode).toBe(200);
      if (!previewDone) answeredMeanwhile++;
    }
    // On the event loop the render would let one or two through at most.
    expect(answeredMeanwhile).toBeGreaterThan(10);
    expect((await preview).json()).toMatchObject({ blocks: expect.any(Array) });
  });

  it('refuses a text that takes longer than its budget, naming the field', async () => {
    const refusal = renderDocumentOffThread(legalText(), 'markdown', 1);
    await expect(refusal).rejects.toMatchObject({ statusCode: 400, code: 'markdown_too_complex', field: 'markdown' });
    // The thread was stopped and replaced: the next text renders.
    const next = legalText(40);
    expect(next.length).toBeGreaterThan(LARGE_DOCUMENT);
    await expect(renderDocumentOffThread(next, 'markdown')).resolves.toEqual(renderDocument(next));
  });
});
