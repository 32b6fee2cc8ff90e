import type { Phase } from '../../contracts/consultations';
import type { ConsultationRow } from '../../db/schema';

type PhaseColumns = Pick<ConsultationRow, 'opens_at' | 'closes_at' | 'outcome_published_at'>;

/** GOV.UK's life cycle: upcoming → open → closed on its closing date → outcome once the response is published. */
export function phaseOf(consultation: PhaseColumns, at: string = new Date().toISOString()): Phase {
  if (consultation.outcome_published_at && consultation.outcome_published_at <= at) return 'outcome';
  if (at >= consultation.closes_at) return 'closed';
  if (at >= consultation.opens_at) return 'open';
  return 'upcoming';
}
