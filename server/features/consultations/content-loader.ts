import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { renderMarkdown } from '../../markdown/render';
import { publishRevision } from '../revisions/revisions.service';
import { findRevisionById } from '../revisions/revisions.repository';
import type { SectionRow } from '../../db/schema';
import { threeWayMerge } from '../revisions/three-way-merge';
import { type ContentConsultation, type ContentProblem, type ContentSection, readContent } from './content-files';
import { findConsultationBySlug, findSection, insertConsultation, insertSection, updateConsultation, updateSection } from './consultations.repository';

export interface LoadResult {
  consultations: number;
  sectionsCreated: number;
  revisionsPublished: number;
  /** Section files whose changes overlap edits made online; their text was left as it is online. */
  conflicts: string[];
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`Content has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

/**
 * Brings the database in line with `content/`. Idempotent: unchanged files change nothing, and a
 * section whose file changed gets a new revision (history is never overwritten).
 */
export async function loadContent(db: Db, dir: string): Promise<LoadResult> {
  const { consultations, problems } = readContent(dir);
  if (problems.length > 0) throw new ContentError(problems);
  const result: LoadResult = { consultations: consultations.length, sectionsCreated: 0, revisionsPublished: 0, conflicts: [] };
  for (const consultation of consultations) {
    await writeTransaction(db, (trx) => loadConsultation(trx, consultation, result));
  }
  return result;
}

async function loadConsultation(trx: Db, content: ContentConsultation, result: LoadResult): Promise<void> {
  const time = now();
  const values = {
    title: content.title,
    summary: content.summary,
    intro_markdown: content.introMarkdown,
    intro_html: renderMarkdown(content.introMarkdown),
    opens_at: content.opensAt,
    closes_at: content.closesAt,
    outcome_markdown: content.outcome?.markdown ?? null,
    outcome_html: content.outcome ? renderMarkdown(content.outcome.markdown) : null,
    outcome_published_at: content.outcome?.publishedAt ?? null,
    premoderation: content.premoderation ? 1 : 0,
  };
  const existing = await findConsultationBySlug(trx, content.slug);
  let consultationId: number;
  if (!existing) {
    consultationId = await insertConsultation(trx, { slug: content.slug, ...values, created_at: time, updated_at: time });
  } else {
    consultationId = existing.id;
    const changed = (Object.keys(values) as (keyof typeof values)[]).some((key) => existing[key] !== values[key]);
    if (changed) await updateConsultation(trx, consultationId, { ...values, updated_at: time });
  }

  for (const file of content.sections) {
    let section = await findSection(trx, consultationId, file.slug);
    if (!section) {
      await insertSection(trx, { consultation_id: consultationId, slug: file.slug, title: file.title, position: file.position, updated_at: time });
      section = (await findSection(trx, consultationId, file.slug))!;
      result.sectionsCreated += 1;
    } else if (section.title !== file.title || section.position !== file.position) {
      await updateSection(trx, section.id, { title: file.title, position: file.position });
    }
    await loadSectionText(trx, section, file, content.opensAt, result);
  }
}

/**
 * Publishes a section file's text when the file changed since it was last loaded. If editors have
 * changed the section online meanwhile, the file's changes are merged into theirs (three-way, with
 * the last loaded text as base); when both changed the same passage, the online text is kept and
 * the file is reported as a conflict, so a restart never undoes an editor's work.
 */
async function loadSectionText(trx: Db, section: SectionRow, file: ContentSection, opensAt: string, result: LoadResult): Promise<void> {
  if (section.content_markdown === file.markdown) return;
  const current = section.current_revision_id === null ? undefined : await findRevisionById(trx, section.current_revision_id);
  const editedOnline = current !== undefined && section.content_markdown !== null && current.markdown !== section.content_markdown;
  let markdown = file.markdown;
  if (editedOnline) {
    const merged = threeWayMerge(section.content_markdown!, current.markdown, file.markdown);
    if (!merged.clean) {
      result.conflicts.push(file.file);
      return;
    }
    markdown = merged.text;
  }
  if (current?.markdown !== markdown) {
    await publishRevision(trx, {
      sectionId: section.id,
      markdown,
      summary: current ? (editedOnline ? 'Merged changes from the content files' : 'Updated from the content files') : 'First published text',
      authorId: null,
      // The first text is the draft as consulted on: dated from the opening, never after the closing.
      ...(current || opensAt >= now() ? {} : { publishedAt: opensAt }),
    });
    result.revisionsPublished += 1;
  }
  await updateSection(trx, section.id, { content_markdown: file.markdown });
}
