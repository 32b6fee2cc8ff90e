import type { LoggedEvent } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';

/**
 * How one kind of event is shown to one viewer. `audience` groups viewers who would see exactly
 * the same thing, so the hub serialises each event once per audience rather than once per socket;
 * `present` returns what that audience may see, or null to send nothing. Each filter must reuse
 * the owning feature's visibility rule — the same one its HTTP routes use.
 */
export interface EventFilter {
  audience(viewer: CurrentUser | null, event: LoggedEvent): string;
  present(viewer: CurrentUser | null, event: LoggedEvent): unknown | null;
}

/** For events whose payload is public by construction (no hidden text, no personal data). */
const publicEvent: EventFilter = {
  audience: () => 'everyone',
  present: (_viewer, event) => event.data,
};

/** Unknown event types are withheld: a new event must declare who may see it before it is streamed. */
const withheld: EventFilter = { audience: () => 'nobody', present: () => null };

// Keyed by event type, or by the prefix before the dot.
const FILTERS: Record<string, EventFilter> = {
  revision: publicEvent,
  section: publicEvent,
};

export function filterFor(type: string): EventFilter {
  return FILTERS[type] ?? FILTERS[type.split('.')[0]!] ?? withheld;
}
