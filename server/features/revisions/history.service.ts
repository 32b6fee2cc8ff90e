import type { RevisionHistory, SectionLock } from '../../contracts/revisions';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { sectionChannel } from '../../contracts/live';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { requireSection, setSectionLock } from '../consultations/consultations.service';
import { mayLockSection } from './revisions.policy';
import { presentLock, presentRevisionSummary } from './revisions.presenter';
import { findSectionLock, listRevisions } from './revisions.repository';

/** Every revision, newest first, and whether the section is locked against proposals. */
export async function getHistory(db: Db, c: string, s: string): Promise<RevisionHistory> {
  const { section } = await requireSection(db, c, s);
  const [revisions, lock] = await Promise.all([listRevisions(db, section.id), findSectionLock(db, section.id)]);
  return { revisions: revisions.map(presentRevisionSummary), lock: presentLock(lock) };
}

/** Locks the section against new proposals (locking again replaces the reason). Live: `section.locked`. */
export async function lockSection(db: Db, viewer: CurrentUser | null, c: string, s: string, reason?: string): Promise<SectionLock> {
  enforce(mayLockSection(viewer));
  return writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    await setSectionLock(trx, section.id, { at: now(), by: viewer!.id, reason: reason?.trim() || null });
    const lock = presentLock(await findSectionLock(trx, section.id));
    await appendEvent(trx, sectionChannel(consultation.slug, section.slug), 'section.locked', { lock });
    return lock;
  });
}

/** Lifts the lock; unlocking an unlocked section changes nothing. Live: `section.unlocked`. */
export async function unlockSection(db: Db, viewer: CurrentUser | null, c: string, s: string): Promise<SectionLock> {
  enforce(mayLockSection(viewer));
  return writeTransaction(db, async (trx) => {
    const { consultation, section } = await requireSection(trx, c, s);
    if (!section.locked_at) return null;
    await setSectionLock(trx, section.id, null);
    await appendEvent(trx, sectionChannel(consultation.slug, section.slug), 'section.unlocked', { by: { username: viewer!.username, displayName: viewer!.displayName } });
    return null;
  });
}
