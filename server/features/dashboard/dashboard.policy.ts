import type { CurrentUser } from '../auth/current-user';
import type { Decision } from '../../platform/decisions';
import { mayActAs } from '../auth/users.policy';

/** The dashboard is for the editors running the consultation (and admins): it lists pending, hidden and reported comments. */
export function mayViewDashboard(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'see the consultation dashboard');
}
