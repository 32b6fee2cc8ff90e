import type { CurrentUser } from '../auth/current-user';
import type { Decision } from '../../platform/decisions';
import { mayActAs } from '../auth/users.policy';

/** Editors (and admins) write, edit and reorder a consultation's questions; anyone may read them. */
export function mayManageQuestions(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'change the questions');
}
