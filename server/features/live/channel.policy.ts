import { MODERATION_CHANNEL, userChannel } from '../../contracts/live';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision } from '../../platform/decisions';
import { hasRole } from '../auth/users.policy';

const SLUG = '[a-z0-9][a-z0-9-]{0,99}';
const SECTION = new RegExp(`^section:${SLUG}/${SLUG}$`);
const CONSULTATION = new RegExp(`^consultation:${SLUG}$`);

/**
 * Who may watch a channel. Sections and consultations are public; moderation is for moderators;
 * `user:<id>` (notifications) for that person alone.
 */
export function mayWatch(user: CurrentUser | null, channel: string): Decision {
  if (SECTION.test(channel) || CONSULTATION.test(channel)) return allow;
  if (user && channel === userChannel(user.id)) return allow;
  if (channel === MODERATION_CHANNEL) {
    return hasRole(user, 'moderator') ? allow : deny(403, 'forbidden', 'Only moderators can watch the moderation channel.');
  }
  return deny(403, 'unknown_channel', `There is no channel called "${channel}".`);
}

/** Presence is announced only on section channels. */
export const isSectionChannel = (channel: string): boolean => SECTION.test(channel);
