import { type Delivery, type NotificationKind, STAFF_KINDS } from '../../contracts/notifications';
import type { Role } from '../../contracts/auth';

/** How each kind is named on the settings page and in emails. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  comment_reply: 'Replies to my comments',
  official_response: 'Official responses in my threads',
  comment_moderated: 'My comments hidden or restored by a moderator',
  proposal_decided: 'My proposals merged or rejected',
  followed_activity: 'New comments in sections and threads I follow',
  outcome_published: 'Outcomes of consultations I responded to',
  staff_reports: 'New reports waiting for moderators',
  staff_proposals: 'New proposals waiting for review',
};

/** Until a person chooses: what is about them at once; what they follow and staff queues once a day. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  comment_reply: 'immediately',
  official_response: 'immediately',
  comment_moderated: 'immediately',
  proposal_decided: 'immediately',
  followed_activity: 'daily',
  outcome_published: 'immediately',
  staff_reports: 'daily',
  staff_proposals: 'daily',
};

const isStaff = (role: Role) => role !== 'citizen';

/** The kinds one person can receive, in the order the settings page lists them. */
export function kindsFor(role: Role): NotificationKind[] {
  return (Object.keys(KIND_LABELS) as NotificationKind[]).filter((kind) => isStaff(role) || !STAFF_KINDS.includes(kind));
}
