import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const CONSULTATION_FEED = '/feeds/consultations/test-consultation/comments.atom';
const SECTION_FEED = '/feeds/consultations/test-consultation/sections/governance/comments.atom';
const SCRIPT = '<script>alert(1)</script>';

let app: App;
let alice: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db, {
    sections: [
      { slug: 'governance', title: 'Governance', markdown: `Scrutinise \`${SCRIPT}\` early.\n\nSecond paragraph.` },
      { slug: 'procurement', title: 'Procurement & <b>buying</b>', markdown: 'Buy small.' },
    ],
  });
  alice = await createActor(app);
  await app.db.updateTable('users').set({ display_name: `Mallory ${SCRIPT} & co` }).where('id', '=', alice.id).execute();
});

const entries = (xml: string) => xml.split('<entry>').slice(1);

describe('Atom feeds of comments', () => {
  it('serves the section feed as Atom with escaped titles and the server-rendered content', async () => {
    await postOk(alice, { kind: 'object', body: 'I *object* \u0001', anchor: await anchorOn(app, SCRIPT) });
    const response = await app.inject(SECTION_FEED);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = response.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('\u0001');
    const [entry] = entries(xml);
    expect(entry).toContain(`<title type="html"><![CDATA[Objection by Mallory &lt;script&gt;alert(1)&lt;/script&gt; &amp; co on “&lt;script&gt;alert(1)&lt;/script&gt;” in Governance]]></title>`);
    expect(entry).toContain('<content type="html"><![CDATA[<p>I <em>object</em> </p>]]></content>');
    expect(entry).toMatch(/<link href="http:\/\/localhost:\d+\/c\/test-consultation\/governance#comment-\d+"\/>/);
    expect(entry).toContain('<name>Mallory &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</name>');
  });

  it('includes only visible comments, newest first, at most 50, across the consultation', async () => {
    const deleted = await postOk(alice, { body: 'Deleted one' });
    await alice.inject({ method: 'DELETE', url: `/api/comments/${deleted.id}` });
    const pending = await postOk(alice, { body: 'Pending one' });
    await app.db.updateTable('comments').set({ status: 'pending' }).where('id', '=', pending.id).execute();
    await postOk(alice, { body: 'In procurement' }, '/api/consultations/test-consultation/sections/procurement/comments');
    for (let i = 0; i < 50; i++) await postOk(alice, { body: `Visible ${i}` });

    const whole = (await app.inject(CONSULTATION_FEED)).body;
    expect(entries(whole)).toHaveLength(50);
    expect(whole).not.toMatch(/Deleted one|Pending one/);
    expect(entries(whole)[0]).toContain('Visible 49');
    expect(entries(whole)[49]).toContain('Visible 0');
    expect(whole).toContain('<title>Comments on A test consultation</title>');

    const onlyProcurement = (await app.inject('/feeds/consultations/test-consultation/sections/procurement/comments.atom')).body;
    expect(entries(onlyProcurement)).toHaveLength(1);
    expect(onlyProcurement).toContain('<title>Comments on Procurement &amp; &lt;b&gt;buying&lt;/b&gt; — A test consultation</title>');
    expect(onlyProcurement).toContain('by Mallory &lt;script&gt;alert(1)&lt;/script&gt; &amp; co on Procurement &amp; &lt;b&gt;buying&lt;/b&gt;]]>');
  });

  it('answers 404 for an unknown consultation or section', async () => {
    expect((await app.inject('/feeds/consultations/nope/comments.atom')).statusCode).toBe(404);
    expect((await app.inject('/feeds/consultations/test-consultation/sections/nope/comments.atom')).statusCode).toBe(404);
  });
});
