import type { ChangeKind, ChangeLog, ConsultationChange } from '../../contracts/consultation-management';
import { consultationChannel } from '../../contracts/live';
import type { Db } from '../../db/database';
import type { ConsultationRow } from '../../db/schema';
import type { Trx } from '../../db/write-transaction';
import { appendEvent, latestSeq } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';
import { type ChangeRow, insertChange, listChanges } from './consultation-management.repository';
import { updateConsultation } from './consultations.repository';
import { presentSummary, requireConsultation } from './consultations.service';

/** The change log page shows this many changes, newest first. */
const MAX_CHANGES = 500;

export interface ChangeInput {
  kind: ChangeKind;
  description: string;
  section?: { id: number; slug: string; title: string };
  before?: string | null;
  after?: string | null;
}

function presentChange(row: ChangeRow): ConsultationChange {
  return {
    id: row.id,
    kind: row.kind as ChangeKind,
    description: row.description,
    section: row.section_slug ? { slug: row.section_slug, title: row.section_title! } : null,
    before: row.before_value,
    after: row.after_value,
    by: row.username ? { username: row.username, displayName: row.display_name ?? row.username } : null,
    at: row.created_at,
  };
}

/**
 * Records a change made in the app, in the caller's transaction: a line of the public change log,
 * `consultation.changed` to everyone watching, and the mark that keeps content/ from undoing it.
 */
export async function recordChange(trx: Trx, consultation: ConsultationRow, actor: CurrentUser, change: ChangeInput, at: string): Promise<ConsultationChange> {
  const id = await insertChange(trx, {
    consultation_id: consultation.id,
    section_id: change.section?.id ?? null,
    kind: change.kind,
    description: change.description,
    before_value: change.before ?? null,
    after_value: change.after ?? null,
    actor_id: actor.id,
    created_at: at,
  });
  await updateConsultation(trx, consultation.id, { changed_in_app_at: at, updated_at: at });
  const view: ConsultationChange = {
    id,
    kind: change.kind,
    description: change.description,
    section: change.section ? { slug: change.section.slug, title: change.section.title } : null,
    before: change.before ?? null,
    after: change.after ?? null,
    by: { username: actor.username, displayName: actor.displayName },
    at,
  };
  await appendEvent(trx, consultationChannel(consultation.slug), 'consultation.changed', view);
  return view;
}

/** Every change made to the consultation in the app, newest first: public, like the moderation log. */
export async function getChangeLog(db: Db, slug: string): Promise<ChangeLog> {
  // Read the log position first: anything committed after it reaches a live subscriber.
  const liveSeq = await latestSeq(db);
  const consultation = await requireConsultation(db, slug);
  return { consultation: presentSummary(consultation), changes: (await listChanges(db, consultation.id, MAX_CHANGES)).map(presentChange), liveSeq };
}
