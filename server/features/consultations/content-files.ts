import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { rawHtmlLines } from '../../markdown/render';
import { RESERVED_SECTION_SLUGS } from './consultations.policy';

/** One consultation as it stands on disk under `content/<slug>/`. */
export interface ContentConsultation {
  slug: string;
  title: string;
  summary: string;
  opensAt: string;
  closesAt: string;
  introMarkdown: string;
  outcome: { markdown: string; publishedAt: string } | null;
  /** Front matter `premoderation: true`: comments from new accounts wait for approval. */
  premoderation: boolean;
  sections: ContentSection[];
}

export interface ContentSection {
  slug: string;
  title: string;
  position: number;
  markdown: string;
  file: string;
  /** Front matter `questions:` — the questions put to respondents on this section, in order. */
  questions: string[];
}

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
// The consultation's own files, not sections (any other reserved name is reported below).
const CONSULTATION_FILES = new Set(['consultation', 'outcome']);

/** Reads and validates every consultation under `dir`; problems carry file and line. */
export function readContent(dir: string): { consultations: ContentConsultation[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const consultations: ContentConsultation[] = [];
  if (!fs.existsSync(dir)) return { consultations, problems };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const consultation = readConsultation(path.join(dir, entry.name), problems);
    if (consultation) consultations.push(consultation);
  }
  return { consultations, problems };
}

function readConsultation(folder: string, problems: ContentProblem[]): ContentConsultation | null {
  const slug = path.basename(folder);
  const mainFile = path.join(folder, 'consultation.md');
  if (!SLUG.test(slug)) problems.push({ file: folder, line: 1, message: `folder name "${slug}" is not a valid slug (a-z, 0-9, -)` });
  if (!fs.existsSync(mainFile)) {
    problems.push({ file: mainFile, line: 1, message: 'missing consultation.md' });
    return null;
  }
  const main = readMarkdownFile(mainFile, problems);
  if (!main) return null;
  const check = new FieldChecker(mainFile, main.source, main.data, problems);
  const opensAt = check.date('opens', 'start');
  const closesAt = check.date('closes', 'end');
  const outcomeDate = main.data.outcomePublished === undefined ? null : check.date('outcomePublished', 'start');
  if (opensAt && closesAt && opensAt >= closesAt) check.fail('closes', '"closes" must be after "opens"');
  const premoderation = main.data.premoderation ?? false;
  if (typeof premoderation !== 'boolean') check.fail('premoderation', '"premoderation" must be true or false');

  const outcomeFile = path.join(folder, 'outcome.md');
  const outcomeBody = fs.existsSync(outcomeFile) ? readMarkdownFile(outcomeFile, problems)?.content ?? null : null;
  if (outcomeDate && outcomeBody === null) check.fail('outcomePublished', '"outcomePublished" is set but outcome.md is missing');

  const sections: ContentSection[] = [];
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.md') && !CONSULTATION_FILES.has(f.slice(0, -3))).sort();
  for (const name of files) {
    const file = path.join(folder, name);
    const parsed = readMarkdownFile(file, problems);
    if (!parsed) continue;
    const sectionSlug = name.slice(0, -3);
    const sectionCheck = new FieldChecker(file, parsed.source, parsed.data, problems);
    if (!SLUG.test(sectionSlug)) sectionCheck.fail(null, `file name "${name}" is not a valid slug (a-z, 0-9, -)`);
    if (RESERVED_SECTION_SLUGS.has(sectionSlug)) sectionCheck.fail(null, `file name "${name}" is the address of one of the consultation's own pages; rename the file`);
    const title = sectionCheck.text('title');
    const position = sectionCheck.integer('position');
    if (position !== null && sections.some((s) => s.position === position)) sectionCheck.fail('position', `position ${position} is used by another section`);
    if (parsed.content.trim() === '') sectionCheck.fail(null, 'the section has no text');
    const questions = sectionCheck.textList('questions');
    if (title && position !== null) sections.push({ slug: sectionSlug, title, position, markdown: parsed.content, file, questions });
  }
  if (sections.length === 0) check.fail(null, 'the consultation has no sections');

  const title = check.text('title');
  const summary = check.text('summary');
  if (!title || !summary || !opensAt || !closesAt) return null;
  return {
    slug,
    title,
    summary,
    opensAt,
    closesAt,
    introMarkdown: main.content,
    outcome: outcomeDate && outcomeBody !== null ? { markdown: outcomeBody, publishedAt: outcomeDate } : null,
    premoderation: premoderation === true,
    sections: sections.sort((a, b) => a.position - b.position),
  };
}

function readMarkdownFile(file: string, problems: ContentProblem[]) {
  const source = fs.readFileSync(file, 'utf8');
  try {
    // A fresh options object keeps gray-matter from returning its cache for identical sources.
    const { data, content } = matter(source, {});
    const bodyStart = source.split('\n').length - content.split('\n').length;
    for (const line of rawHtmlLines(content)) problems.push({ file, line: bodyStart + line, message: 'raw HTML is not allowed (it would be stripped)' });
    return { source, data: data as Record<string, unknown>, content: content.trim() + '\n' };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    problems.push({ file, line: (mark?.line ?? 0) + 1, message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return null;
  }
}

/** Validates front-matter fields, reporting the line where each key is written. */
class FieldChecker {
  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly data: Record<string, unknown>,
    private readonly problems: ContentProblem[],
  ) {}

  fail(key: string | null, message: string): void {
    const index = key ? this.source.split('\n').findIndex((l) => l.startsWith(`${key}:`)) : -1;
    this.problems.push({ file: this.file, line: index + 1 || 1, message });
  }

  text(key: string): string | null {
    const value = this.data[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    this.fail(key, `"${key}" is required and must be text`);
    return null;
  }

  /** An optional list of texts (empty when the key is absent). */
  textList(key: string): string[] {
    const value = this.data[key] ?? [];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim())) return value.map((item: string) => item.trim());
    this.fail(key, `"${key}" must be a list of texts`);
    return [];
  }

  integer(key: string): number | null {
    const value = this.data[key];
    if (Number.isInteger(value) && (value as number) > 0) return value as number;
    this.fail(key, `"${key}" must be a whole number above 0`);
    return null;
  }

  /** A calendar date; `end` means the last moment of that day (UTC), so "closes: 2010-03-14" includes the 14th. */
  date(key: string, edge: 'start' | 'end'): string | null {
    const value = this.data[key];
    const day = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
      this.fail(key, `"${key}" must be a date written YYYY-MM-DD`);
      return null;
    }
    return edge === 'start' ? `${day}T00:00:00.000Z` : `${day}T23:59:59.999Z`;
  }
}
