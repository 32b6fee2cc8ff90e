import type { Follow } from '../../contracts/notifications';
import type { Db } from '../../db/database';
import type { FollowsTable } from '../../db/schema';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import type { CurrentUser } from '../auth/current-user';
import { mayAct } from '../auth/users.policy';
import { commentById, loadTarget } from '../comments/comments.service';
import { requireSection, sectionById } from '../consultations/consultations.service';
import { deleteFollow, followedAmong, followsOf, insertFollow, isFollowing } from './notifications.repository';

type Target = { target: FollowsTable['target']; targetId: number };

/** A section's id; 404 when there is no such section. */
export async function sectionTarget(db: Db, consultation: string, section: string): Promise<Target> {
  return { target: 'section', targetId: (await requireSection(db, consultation, section)).section.id };
}

/** The thread of a comment the person may see (a reply follows its whole thread); 404 otherwise. */
export async function threadTarget(db: Db, viewer: CurrentUser | null, commentId: number): Promise<Target> {
  const { row } = await loadTarget(db, viewer, commentId);
  return { target: 'thread', targetId: row.root_id ?? row.id };
}

export async function setFollowing(db: Db, viewer: CurrentUser | null, { target, targetId }: Target, on: boolean): Promise<void> {
  enforce(mayAct(viewer));
  await writeTransaction(db, (trx) => (on ? insertFollow(trx, { user_id: viewer!.id, target, target_id: targetId, created_at: now() }) : deleteFollow(trx, viewer!.id, target, targetId)));
}

export const following = (db: Db, viewer: CurrentUser, { target, targetId }: Target) => isFollowing(db, viewer.id, target, targetId);

/** Which of these threads (their top-level comments' ids) the person follows: marked on their comments page. */
export const threadsFollowedAmong = (db: Db, viewer: CurrentUser, rootIds: number[]) => followedAmong(db, viewer.id, 'thread', rootIds);

/** What the person follows, newest first, with titles and links (things since removed are left out). */
export async function listFollows(db: Db, viewer: CurrentUser): Promise<Follow[]> {
  const follows: Follow[] = [];
  for (const row of await followsOf(db, viewer.id)) {
    const comment = row.target === 'thread' ? await commentById(db, row.target_id) : undefined;
    const sectionId = row.target === 'section' ? row.target_id : comment?.section_id;
    if (sectionId === undefined) continue;
    const place = await sectionById(db, sectionId);
    if (!place) continue;
    const path = `/c/${place.consultation.slug}/${place.section.slug}`;
    follows.push({
      target: row.target,
      // A thread is named by its place: its text may since have been hidden.
      title: comment ? `A thread in ${place.consultation.title}: ${place.section.title}` : `${place.consultation.title}: ${place.section.title}`,
      link: comment ? `${path}#comment-${comment.id}` : path,
      consultation: place.consultation.slug,
      section: place.section.slug,
      commentId: comment?.id ?? null,
    });
  }
  return follows;
}
