import type { Db } from '../db/database';
import type { SectionRow } from '../db/schema';
import { now } from '../db/time';
import { type Trx, writeTransaction } from '../db/write-transaction';
import {
  type ContentConsultation,
  type ContentProblem,
  type ContentSection,
  readContent,
  saveContentConsultation,
  setContentMarkdown,
  takesTextFromFiles,
} from '../features/consultations/content.service';
import { seedQuestions } from '../features/questions/questions.service';
import { revisionById, threeWayMerge } from '../features/revisions/revisions.service';
import { publishRevision } from './publish-revision';

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

async function loadConsultation(trx: Trx, content: ContentConsultation, result: LoadResult): Promise<void> {
  const { sections, created } = await saveContentConsultation(trx, content);
  result.sectionsCreated += created;
  for (const { section, file } of sections) {
    if (takesTextFromFiles(section)) await loadSectionText(trx, section, file, content.opensAt, result);
  }
  await seedQuestions(trx, sections[0]!.section.consultation_id, sections.map(({ section, file }) => ({ sectionId: section.id, questions: file.questions })));
}

/**
 * Publishes a section file's text when the file changed since it was last loaded. If editors have
 * changed the section online meanwhile, the file's changes are merged into theirs (three-way, with
 * the last loaded text as base); when both changed the same passage, the online text is kept and
 * the file is reported as a conflict, so a restart never undoes an editor's work.
 */
async function loadSectionText(trx: Trx, section: SectionRow, file: ContentSection, opensAt: string, result: LoadResult): Promise<void> {
  if (section.content_markdown === file.markdown) return;
  const current = section.current_revision_id === null ? undefined : await revisionById(trx, section.current_revision_id);
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
  await setContentMarkdown(trx, section.id, file.markdown);
}
