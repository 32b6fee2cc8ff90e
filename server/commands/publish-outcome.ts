import type { ConsultationSummary } from '../contracts/consultations';
import type { Db } from '../db/database';
import { now } from '../db/time';
import { outcomeProblems } from '../features/analysis/outcome-themes.service';
import type { CurrentUser } from '../features/auth/current-user';
import { publishOutcome } from '../features/consultations/consultation-management.service';
import { mayManageConsultation, mayPublishOutcome } from '../features/consultations/consultations.policy';
import { requireConsultation } from '../features/consultations/consultations.service';
import { enforce } from '../platform/decisions';
import { invalidFields } from '../platform/form-errors';

/**
 * Publishes the outcome once it answers what people said: when the consultation has themes, each
 * needs the body's response and every response must be in a theme or listed as "not themed" (a 400
 * listing each theme and the responses still to sort). Without themes it publishes as before.
 */
export async function publishOutcomeByTheme(db: Db, viewer: CurrentUser | null, slug: string, markdown: string): Promise<ConsultationSummary> {
  enforce(mayManageConsultation(viewer));
  const consultation = await requireConsultation(db, slug);
  enforce(mayPublishOutcome(consultation, now()));
  const [first, ...rest] = await outcomeProblems(db, consultation.id);
  if (first) throw invalidFields([first, ...rest]);
  return publishOutcome(db, viewer, slug, markdown);
}
