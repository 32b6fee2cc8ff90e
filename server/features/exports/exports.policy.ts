import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision } from '../../platform/decisions';
import { hasRole } from '../auth/users.policy';

/**
 * Public exports hold only what anyone may read. Staff exports add pending and hidden comments with
 * their moderation reasons: for the editors writing the response and the moderators reviewing it.
 */
export function mayExportForStaff(user: CurrentUser | null): Decision {
  if (!user) return deny(401, 'not_signed_in', 'Sign in as an editor or moderator to download the staff export.');
  return hasRole(user, 'editor', 'moderator') ? allow : deny(403, 'forbidden', 'Only editors and moderators can download the staff export.');
}
