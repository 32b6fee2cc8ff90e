import type { SectionRow } from '../../db/schema';
import { now } from '../../db/time';
import type { Trx } from '../../db/write-transaction';
import { renderMarkdown } from '../../markdown/render';
import type { ContentConsultation, ContentSection } from './content-files';
import { findConsultationBySlug, findSection, insertConsultation, insertSection, updateConsultation, updateSection } from './consultations.repository';

export { type ContentConsultation, type ContentProblem, type ContentSection, readContent } from './content-files';

/** A content file's section as stored, with the file it was loaded from. */
export interface LoadedSection {
  section: SectionRow;
  file: ContentSection;
}

/**
 * Creates or updates a consultation and its sections (title, dates, order) from its content files.
 * The sections' text is the load-content command's job: it needs revisions and comments too.
 * What was changed in the app (`changed_in_app_at`) keeps the app's values.
 */
export async function saveContentConsultation(trx: Trx, content: ContentConsultation): Promise<{ sections: LoadedSection[]; created: number }> {
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
    // Once changed in the app, the consultation's own fields are the app's: the files no longer set them.
    const changed = (Object.keys(values) as (keyof typeof values)[]).some((key) => existing[key] !== values[key]);
    if (changed && !existing.changed_in_app_at) await updateConsultation(trx, consultationId, { ...values, updated_at: time });
  }

  const sections: LoadedSection[] = [];
  let created = 0;
  for (const file of content.sections) {
    let section = await findSection(trx, consultationId, file.slug);
    if (!section) {
      await insertSection(trx, { consultation_id: consultationId, slug: file.slug, title: file.title, position: file.position, updated_at: time });
      section = (await findSection(trx, consultationId, file.slug))!;
      created += 1;
    } else if (!section.changed_in_app_at && (section.title !== file.title || section.position !== file.position)) {
      await updateSection(trx, section.id, { title: file.title, position: file.position });
    }
    sections.push({ section, file });
  }
  return { sections, created };
}

/** Remembers the file text a section was last loaded from (the base of the next three-way merge). */
export async function setContentMarkdown(trx: Trx, sectionId: number, markdown: string): Promise<void> {
  await updateSection(trx, sectionId, { content_markdown: markdown });
}

/**
 * Whether the files may set this section's text: not once it is retired, nor when it was created in
 * the app (never loaded from a file, so there is no common text to merge the file's changes with).
 */
export function takesTextFromFiles(section: SectionRow): boolean {
  return !section.retired_at && !(section.changed_in_app_at && section.content_markdown === null);
}
