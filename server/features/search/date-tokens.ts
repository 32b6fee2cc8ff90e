import { badRequest } from '../../platform/errors';

/** More tokens than this is a range of decades: nothing a consultation has. */
const MAX_TOKENS = 600;

const DAY_MS = 86_400_000;

function parseDay(day: string, field: 'from' | 'to'): Date {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) throw badRequest(`${field}: is not a real date`, field);
  return date;
}

const dayToken = (date: Date) => `"d${date.toISOString().slice(0, 10).replaceAll('-', '')}"`;
const monthToken = (date: Date) => `"m${date.toISOString().slice(0, 7).replace('-', '')}"`;

/**
 * An FTS5 expression matching comments posted from `from` to `to` (whole UTC days, both included):
 * whole months as month tokens, the days of partial months at either end as day tokens. `earliest`
 * stands in for a missing `from`, today for a missing `to`.
 */
export function dateRangeMatch(from: string | undefined, to: string | undefined, earliest: string): string | undefined {
  if (from === undefined && to === undefined) return undefined;
  const start = from === undefined ? new Date(`${earliest.slice(0, 10)}T00:00:00Z`) : parseDay(from, 'from');
  const end = to === undefined ? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z') : parseDay(to, 'to');
  if (from !== undefined && to !== undefined && end < start) throw badRequest('to: must not be before from', 'to');
  const days: string[] = [];
  const months: string[] = [];
  for (let day = start; day <= end; ) {
    const monthStart = day.getUTCDate() === 1;
    const nextMonth = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
    if (monthStart && nextMonth.getTime() - DAY_MS <= end.getTime()) {
      months.push(monthToken(day));
      day = nextMonth;
    } else {
      days.push(dayToken(day));
      day = new Date(day.getTime() + DAY_MS);
    }
    if (days.length + months.length > MAX_TOKENS) throw badRequest('from: choose a shorter date range', 'from');
  }
  const parts = [...(days.length ? [`day : (${days.join(' OR ')})`] : []), ...(months.length ? [`month : (${months.join(' OR ')})`] : [])];
  return parts.length ? `(${parts.join(' OR ')})` : 'day : "none"';
}
