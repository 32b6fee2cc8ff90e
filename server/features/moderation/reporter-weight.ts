import type { Db } from '../../db/database';
import type { CurrentUser } from '../auth/current-user';
import { hasRole } from '../auth/users.policy';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What a report from a new account, or one with no history here, counts for. */
export const NEW_REPORTER_WEIGHT = 0.5;

/**
 * How much one report counts towards hiding what it reports (REPORT_HIDE_THRESHOLD counts weight).
 * A handful of accounts made for the purpose must not be able to hide someone's words: a report
 * counts in full only from staff, or from an account over a day old with a published comment over
 * a day old; any other report counts NEW_REPORTER_WEIGHT.
 */
export async function reporterWeight(db: Db, reporter: CurrentUser): Promise<number> {
  if (hasRole(reporter, 'editor', 'moderator')) return 1;
  const dayAgo = new Date(Date.now() - DAY_MS).toISOString();
  const established = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', '=', reporter.id)
    .where('users.created_at', '<=', dayAgo)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('comments')
          .select('comments.id')
          .whereRef('comments.author_id', '=', 'users.id')
          .where('comments.status', '=', 'visible')
          .where('comments.created_at', '<=', dayAgo),
      ),
    )
    .executeTakeFirst();
  return established ? 1 : NEW_REPORTER_WEIGHT;
}
