import type { Phase } from '../../contracts/consultations';
import type { ConsultationRow } from '../../db/schema';
import { allow, deny, type Decision } from '../../platform/decisions';
import type { CurrentUser } from '../auth/current-user';
import { mayActAs } from '../auth/users.policy';

export type PhaseColumns = Pick<ConsultationRow, 'opens_at' | 'closes_at' | 'outcome_published_at'>;

/** GOV.UK's life cycle: upcoming → open → closed on its closing date → outcome once the response is published. */
export function phaseOf(consultation: PhaseColumns, at: string = new Date().toISOString()): Phase {
  if (consultation.outcome_published_at && consultation.outcome_published_at <= at) return 'outcome';
  if (at >= consultation.closes_at) return 'closed';
  if (at >= consultation.opens_at) return 'open';
  return 'upcoming';
}

/** Admins open new consultations. */
export function mayCreateConsultation(user: CurrentUser | null): Decision {
  return mayActAs(user, ['admin'], 'create consultations');
}

/** Editors run a consultation: its sections, summary, closing date and outcome. */
export function mayManageConsultation(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'change consultations');
}

/** The outcome is the response to what people said, so it comes once the consultation has closed. */
export function mayPublishOutcome(consultation: PhaseColumns, at?: string): Decision {
  const phase = phaseOf(consultation, at);
  return phase === 'closed' || phase === 'outcome' ? allow : deny(409, 'still_open', 'The outcome can be published only once the consultation has closed. Bring the closing date forward first if it should close now.');
}

/** The closing date is part of the record once the response is out. */
export function mayMoveClosingDate(consultation: PhaseColumns): Decision {
  return consultation.outcome_published_at ? deny(409, 'outcome_published', 'The outcome has been published, so the closing date can no longer change.') : allow;
}

/** A consultation's own pages (/c/:c/manage, /changes, /outcome, /questions, /dashboard, /analysis) take these addresses, so no section can. */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set(['manage', 'changes', 'outcome', 'questions', 'dashboard', 'analysis']);
