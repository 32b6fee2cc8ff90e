import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../server/features/consultations/content-files';
import { ContentError, loadContent } from '../../server/commands/load-content';
import { publishRevisionNow } from '../helpers/factories';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';

let app: App;
let dir: string;
beforeEach(async () => {
  app = await buildTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-content-'));
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

const CONSULTATION = '---\ntitle: Trial\nsummary: A trial.\nopens: 2026-01-01\ncloses: 2030-03-14\n---\nIntro.\n';

describe('content loading', () => {
  it('loads every shipped consultation: each section renders and has blocks', async () => {
    const result = await loadContent(app.db, app.config.contentDir);
    expect(result.consultations).toBeGreaterThanOrEqual(1);
    const { consultations } = (await app.inject('/api/consultations')).json();
    for (const { slug } of consultations) {
      const { consultation } = (await app.inject(`/api/consultations/${slug}`)).json();
      expect(consultation.sections.length).toBeGreaterThan(0);
      for (const section of consultation.sections) {
        const response = await app.inject(`/api/consultations/${slug}/sections/${section.slug}`);
        expect(response.statusCode).toBe(200);
        expect(response.json().section.revision.blocks.length).toBeGreaterThan(3);
      }
    }
    const slugs = consultations.map((c: { slug: string }) => c.slug);
    expect(slugs).toContain('ideal-government-it');
    const sample = (await app.inject('/api/consultations/ideal-government-it')).json().consultation;
    expect(sample.sections.map((s: { slug: string }) => s.slug)).toEqual(expect.arrayContaining(['governance', 'architecture', 'procurement']));
  });

  it('dates a section’s first text from the consultation’s opening, so a closed one is never "updated" after it closed', async () => {
    await loadContent(app.db, app.config.contentDir);
    const { consultation } = (await app.inject('/api/consultations/local-public-services')).json();
    expect(consultation.phase).toBe('outcome');
    for (const section of consultation.sections) {
      expect(section.updatedAt).toBe(consultation.opensAt);
      expect(section.updatedAt < consultation.closesAt).toBe(true);
    }
    const { revision } = (await app.inject(`/api/consultations/local-public-services/sections/${consultation.sections[0].slug}`)).json().section;
    expect(revision.createdAt).toBe(consultation.opensAt);
  });

  it('is idempotent: loading twice duplicates nothing', async () => {
    const first = await loadContent(app.db, app.config.contentDir);
    const second = await loadContent(app.db, app.config.contentDir);
    expect(first.revisionsPublished).toBeGreaterThan(0);
    expect(second).toMatchObject({ sectionsCreated: 0, revisionsPublished: 0 });
    const revisions = await app.db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(revisions.n)).toBe(first.revisionsPublished);
  });

  it('turns a changed section file into a new revision and keeps the old one', async () => {
    write('trial/consultation.md', CONSULTATION);
    write('trial/governance.md', '---\ntitle: Governance\nposition: 1\n---\nFirst wording.\n');
    await loadContent(app.db, dir);
    write('trial/governance.md', '---\ntitle: Governance\nposition: 1\n---\nSecond wording.\n');
    const result = await loadContent(app.db, dir);
    expect(result.revisionsPublished).toBe(1);
    const { revisions } = (await app.inject('/api/consultations/trial/sections/governance/revisions')).json();
    expect(revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    const old = (await app.inject('/api/consultations/trial/sections/governance/revisions/1')).json();
    expect(old.revision.markdown).toBe('First wording.\n');
  });

  it('never undoes an online edit on restart, and merges a changed file into it', async () => {
    write('trial/consultation.md', CONSULTATION);
    const file = (text: string) => write('trial/governance.md', `---\ntitle: Governance\nposition: 1\n---\n${text}`);
    file('First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n');
    await loadContent(app.db, dir);
    const section = (await app.db.selectFrom('sections').select('id').executeTakeFirstOrThrow()).id;
    await publishRevisionNow(app.db, { sectionId: section, markdown: 'First paragraph, edited online.\n\nSecond paragraph.\n\nThird paragraph.\n', summary: 'Editor', authorId: null });
    const text = async () => (await app.inject('/api/consultations/trial/sections/governance')).json().section.revision.markdown;

    expect(await loadContent(app.db, dir)).toMatchObject({ revisionsPublished: 0, conflicts: [] });
    expect(await text()).toBe('First paragraph, edited online.\n\nSecond paragraph.\n\nThird paragraph.\n');

    file('First paragraph.\n\nSecond paragraph.\n\nThird paragraph, edited in the file.\n');
    expect(await loadContent(app.db, dir)).toMatchObject({ revisionsPublished: 1, conflicts: [] });
    expect(await text()).toBe('First paragraph, edited online.\n\nSecond paragraph.\n\nThird paragraph, edited in the file.\n');

    file('First paragraph, edited in the file too.\n\nSecond paragraph.\n\nThird paragraph, edited in the file.\n');
    const clash = await loadContent(app.db, dir);
    expect(clash.revisionsPublished).toBe(0);
    expect(clash.conflicts).toEqual([path.join(dir, 'trial/governance.md')]);
    expect(await text()).toBe('First paragraph, edited online.\n\nSecond paragraph.\n\nThird paragraph, edited in the file.\n');
  });

  it('reports every problem with its file and line', () => {
    write('trial/consultation.md', '---\ntitle: Trial\nsummary: A trial.\nopens: 2026-01-01\ncloses: soon\n---\n');
    write('trial/governance.md', '---\ntitle: Governance\nposition: first\n---\nText with <div>raw html</div>.\n');
    const { problems } = readContent(dir);
    const messages = problems.map((p) => `${path.relative(dir, p.file)}:${p.line}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'trial/consultation.md:5: "closes" must be a date written YYYY-MM-DD',
        'trial/governance.md:3: "position" must be a whole number above 0',
        'trial/governance.md:5: raw HTML is not allowed (it would be stripped)',
      ]),
    );
  });

  it('npm run content:check passes on the shipped content and names file and line otherwise', () => {
    expect(readContent(app.config.contentDir).problems).toEqual([]);
    write('trial/consultation.md', CONSULTATION);
    write('trial/governance.md', '---\ntitle: Governance\n---\nText.\n');
    const run = () => execFileSync('npx', ['tsx', 'server/cli/content-check.ts'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8', stdio: 'pipe' });
    expect(run).toThrowError(/trial\/governance\.md:1: "position" must be a whole number above 0/);
  });

  it('refuses to load content with problems and changes nothing', async () => {
    write('trial/consultation.md', '---\ntitle: Trial\n---\n');
    await expect(loadContent(app.db, dir)).rejects.toBeInstanceOf(ContentError);
    expect(await app.db.selectFrom('consultations').selectAll().execute()).toEqual([]);
  });
});
