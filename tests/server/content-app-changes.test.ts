import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../server/commands/load-content';
import { readContent } from '../../server/features/consultations/content-files';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let dir: string;
let editor: Actor;
beforeEach(async () => {
  app = await buildTestApp();
  editor = await createActor(app, 'editor');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-app-changes-'));
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}
const consultationFile = (summary: string) => `---\ntitle: Trial\nsummary: ${summary}\nopens: 2026-01-01\ncloses: 2030-03-14\n---\nIntro.\n`;
const sectionFile = (title: string, position: number, text: string) => `---\ntitle: ${title}\nposition: ${position}\n---\n${text}\n`;
const base = '/api/consultations/trial';

describe('content/ after changes made in the app', () => {
  it('seeds a fresh install, then never undoes what editors changed in the app', async () => {
    write('trial/consultation.md', consultationFile('From the files.'));
    write('trial/alpha.md', sectionFile('Alpha', 1, 'Alpha text.'));
    write('trial/beta.md', sectionFile('Beta', 2, 'Beta text.'));
    write('trial/gamma.md', sectionFile('Gamma', 3, 'Gamma text.'));
    await loadContent(app.db, dir);

    const closesAt = '2031-06-30T12:00:00.000Z';
    await editor.inject({ method: 'PATCH', url: base, payload: { summary: 'From the app.', closesAt } });
    await editor.inject({ method: 'PATCH', url: `${base}/sections/alpha`, payload: { title: 'Alpha, renamed' } });
    await editor.inject({ method: 'PUT', url: `${base}/section-order`, payload: { sections: ['gamma', 'alpha', 'beta'] } });
    await editor.inject({ method: 'POST', url: `${base}/sections/beta/retire`, payload: { reason: 'No longer needed' } });
    await editor.inject({ method: 'POST', url: `${base}/sections`, payload: { title: 'Delta', slug: 'delta', markdown: 'Delta written in the app.' } });

    // The files change everywhere, including a file for the section added in the app.
    write('trial/consultation.md', consultationFile('Changed in the files.'));
    write('trial/alpha.md', sectionFile('Alpha from files', 1, 'Alpha text, edited in the files.'));
    write('trial/beta.md', sectionFile('Beta', 2, 'Beta text, edited in the files.'));
    write('trial/gamma.md', sectionFile('Gamma', 3, 'Gamma text.'));
    write('trial/delta.md', sectionFile('Delta from files', 4, 'Delta from the files.'));
    const result = await loadContent(app.db, dir);

    const { consultation } = (await app.inject(base)).json();
    expect(consultation).toMatchObject({ summary: 'From the app.', closesAt });
    expect(consultation.sections.map((s: { slug: string; title: string }) => [s.slug, s.title])).toEqual([
      ['gamma', 'Gamma'],
      ['alpha', 'Alpha, renamed'],
      ['delta', 'Delta'],
    ]);
    const text = async (slug: string) => (await app.inject(`${base}/sections/${slug}`)).json().section.revision.markdown;
    // A renamed section still takes text changes from its file (merged with any online edit).
    expect(await text('alpha')).toBe('Alpha text, edited in the files.\n');
    expect(await text('beta')).toBe('Beta text.\n');
    expect(await text('delta')).toBe('Delta written in the app.');
    expect(result.revisionsPublished).toBe(1);
  });

  it('leaves a consultation created in the app alone when the files gain a folder of the same name', async () => {
    const admin = await createActor(app, 'admin');
    const created = await admin.inject({ method: 'POST', url: '/api/consultations', payload: { title: 'Made online', slug: 'trial', summary: 'Online.', opensAt: '2026-01-01T00:00Z', closesAt: '2026-02-01T00:00Z' } });
    expect(created.statusCode).toBe(201);
    write('trial/consultation.md', consultationFile('From the files.'));
    write('trial/alpha.md', sectionFile('Alpha', 1, 'Alpha text.'));
    await loadContent(app.db, dir);
    const { consultation } = (await app.inject(base)).json();
    expect(consultation).toMatchObject({ title: 'Made online', summary: 'Online.', closesAt: '2026-02-01T00:00:00.000Z' });
  });

  it('refuses a section file named like one of the consultation’s own pages', () => {
    write('trial/consultation.md', consultationFile('From the files.'));
    write('trial/manage.md', sectionFile('Manage', 1, 'Text.'));
    write('trial/dashboard.md', sectionFile('Dashboard', 2, 'Text.'));
    const messages = readContent(dir).problems.map((p) => p.message);
    for (const page of ['manage', 'dashboard']) expect(messages).toContain(`file name "${page}.md" is the address of one of the consultation's own pages; rename the file`);
  });
});
