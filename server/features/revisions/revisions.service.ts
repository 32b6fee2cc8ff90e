import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { appendEvent, sectionChannel } from '../../events/event-log';
import { renderDocument } from '../../markdown/render';
import { findRevisionById, insertRevision, latestRevisionNumber } from './revisions.repository';

export interface PublishRevisionInput {
  sectionId: number;
  markdown: string;
  summary: string;
  authorId: number | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Appends a new revision to a section and makes it current. The caller passes a transaction
 * so the revision and whatever prompted it commit together.
 */
export async function publishRevision(trx: Db, input: PublishRevisionInput) {
  const section = await trx
    .selectFrom('sections')
    .innerJoin('consultations', 'consultations.id', 'sections.consultation_id')
    .select(['sections.current_revision_id', 'sections.slug', 'consultations.slug as consultation_slug'])
    .where('sections.id', '=', input.sectionId)
    .executeTakeFirstOrThrow();
  const rendered = renderDocument(input.markdown);
  const createdAt = now();
  const id = await insertRevision(trx, {
    section_id: input.sectionId,
    number: (await latestRevisionNumber(trx, input.sectionId)) + 1,
    parent_id: section.current_revision_id,
    markdown: input.markdown,
    html: rendered.html,
    blocks_json: JSON.stringify(rendered.blocks),
    summary: input.summary,
    author_id: input.authorId,
    sha256: sha256(input.markdown),
    created_at: createdAt,
  });
  await trx.updateTable('sections').set({ current_revision_id: id, updated_at: createdAt }).where('id', '=', input.sectionId).execute();
  const revision = (await findRevisionById(trx, id))!;
  await appendEvent(trx, sectionChannel(section.consultation_slug, section.slug), 'revision.published', {
    number: revision.number,
    summary: revision.summary,
    author: revision.author_username ? { username: revision.author_username, displayName: revision.author_display_name } : null,
    createdAt,
  });
  return revision;
}
