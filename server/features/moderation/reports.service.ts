import type { ReportBody, ReportResponse } from '../../contracts/moderation';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { MODERATION_CHANNEL } from '../../contracts/live';
import { conflict } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { invalidFields } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import { mayAct } from '../auth/users.policy';
import { loadTarget } from '../comments/comments.service';
import { applyAction, QUEUE_CHANGED } from './moderation.service';
import { mayReport } from './moderation.policy';
import { countReport, insertReport, openReportWeight } from './moderation.repository';
import { reporterWeight } from './reporter-weight';

/** Moderators' channel event: `{commentId, reason, reports}` (reports: the comment's open reports now). */
const REPORT_CREATED = 'report.created';

/**
 * Reports someone else's comment, once per person. When the weight of the comment's open reports
 * (see `reporterWeight`) reaches the threshold it is hidden at once, with no reason of a
 * moderator's (its notice says it waits for one); the reports stay open, so it stays in the queue.
 */
export async function reportComment(db: Db, viewer: CurrentUser | null, id: number, input: ReportBody, rules: Pick<Config, 'reportHideThreshold'>): Promise<ReportResponse['report']> {
  enforce(mayAct(viewer));
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw invalidFields([{ field: 'note', code: 'invalid_input', message: 'Say what is wrong with this comment.' }]);
  return writeTransaction(db, async (trx) => {
    const loaded = await loadTarget(trx, viewer, id);
    enforce(mayReport(viewer, loaded.target.comment));
    const createdAt = now();
    const weight = await reporterWeight(trx, viewer!);
    if (!(await insertReport(trx, { comment_id: id, reporter_id: viewer!.id, reason: input.reason, note, weight, created_at: createdAt }))) {
      throw conflict('already_reported', 'You have already reported this comment. A moderator will look at it.');
    }
    const reports = await countReport(trx, id);
    await appendEvent(trx, MODERATION_CHANNEL, REPORT_CREATED, { commentId: id, reason: input.reason, reports });
    if ((await openReportWeight(trx, id)) >= rules.reportHideThreshold) await applyAction(trx, null, loaded, 'auto-hide', null);
    await appendEvent(trx, MODERATION_CHANNEL, QUEUE_CHANGED, { commentIds: [id] });
    return { commentId: id, reason: input.reason, createdAt };
  });
}
