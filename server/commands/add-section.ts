import type { AddSectionBody } from '../contracts/consultation-management';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { mayManageConsultation } from '../features/consultations/consultations.policy';
import { addSection } from '../features/consultations/section-management.service';
import { checkText } from '../features/revisions/revisions.service';
import { enforce } from '../platform/decisions';
import { publishRevision } from './publish-revision';

/**
 * An editor adds a section with its first text: the section (consultations, with its change-log
 * line) and its first revision (revisions, search) commit together, or neither does.
 */
export async function addSectionWithText(db: Db, viewer: CurrentUser | null, c: string, input: AddSectionBody): Promise<{ slug: string }> {
  enforce(mayManageConsultation(viewer));
  checkText(input.markdown, 'markdown');
  return writeTransaction(db, async (trx) => {
    const { sectionId } = await addSection(trx, viewer, c, input);
    await publishRevision(trx, { sectionId, markdown: input.markdown, summary: 'First published text', authorId: viewer!.id });
    return { slug: input.slug };
  });
}
