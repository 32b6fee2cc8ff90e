import type { Phase } from '../../server/contracts/consultations';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "14 March 2010" — dates in GOV.UK style. */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

export const PHASE_LABELS: Record<Phase, string> = {
  upcoming: 'Not open yet',
  open: 'Open for comments',
  closed: 'Closed',
  outcome: 'Outcome published',
};

export function phaseSentence(phase: Phase, opensAt: string, closesAt: string): string {
  switch (phase) {
    case 'upcoming':
      return `Opens on ${formatDate(opensAt)}.`;
    case 'open':
      return `Open for comments until ${formatDate(closesAt)}.`;
    case 'closed':
      return `Comments closed on ${formatDate(closesAt)}. The response has not been published yet.`;
    case 'outcome':
      return `Comments closed on ${formatDate(closesAt)}. The response has been published.`;
  }
}
