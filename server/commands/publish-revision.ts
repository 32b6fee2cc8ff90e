import { now } from '../db/time';
import type { Trx } from '../db/write-transaction';
import { appendEvent } from '../events/event-log';
import { sectionChannel } from '../contracts/live';
import { reanchorComments } from '../features/comments/anchoring/anchoring.service';
import { sectionById, setCurrentRevision } from '../features/consultations/consultations.service';
import { appendRevision, blocksOf, type PublishRevisionInput, revisionById, type RevisionWithAuthor } from '../features/revisions/revisions.service';

export type { PublishRevisionInput };

/**
 * Publishes a new revision of a section, in the caller's transaction so the revision, the moved
 * anchors, the event and whatever prompted them (an edit, a merge, a content file) commit together:
 * revisions appends it, consultations makes it the section's current one, comments re-anchors onto
 * its blocks, and `revision.published` tells every viewer.
 */
export async function publishRevision(trx: Trx, input: PublishRevisionInput): Promise<RevisionWithAuthor> {
  const { consultation, section } = await sectionById(trx, input.sectionId);
  const previous = section.current_revision_id === null ? undefined : await revisionById(trx, section.current_revision_id);
  const createdAt = input.publishedAt ?? now();
  const revision = await appendRevision(trx, { ...input, previousId: section.current_revision_id, at: createdAt });
  await setCurrentRevision(trx, section.id, revision.id, createdAt);
  const comments = previous ? await reanchorComments(trx, section.id, blocksOf(previous), blocksOf(revision)) : { moved: 0, orphaned: 0 };
  await appendEvent(trx, sectionChannel(consultation.slug, section.slug), 'revision.published', {
    number: revision.number,
    summary: revision.summary,
    author: revision.author_username ? { username: revision.author_username, displayName: revision.author_display_name } : null,
    createdAt,
    // Viewers reload the comments when anchors moved; counts cover comments listed to everyone.
    comments,
  });
  return revision;
}
