import { type Decision } from '../../platform/decisions';
import type { CurrentUser } from '../auth/current-user';
import { mayActAs } from '../auth/users.policy';

/**
 * Who analyses responses: editors and moderators (the analysts who write the summary of
 * responses) start analyses, curate themes and split or join campaigns. Campaign counts and their
 * representative texts are public: readers see "N people sent this text".
 */
export function mayAnalyse(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor', 'moderator'], 'analyse responses');
}
