import type { LoggedEvent } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';
import { type CommentRecord, commentAudience, presentCommentFor } from '../comments/comments.visibility';

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

type CommentPayload = CommentRecord | { section: string; comment: CommentRecord };
const recordOf = (data: CommentPayload): CommentRecord => ('comment' in data ? data.comment : data);

/**
 * comment.*: the payload is the stored record (or `{section, comment}` for count changes), which
 * may hold hidden or pending text. It goes through the comments' own visibility rule, per audience.
 */
const commentEvent: EventFilter = {
  audience: (viewer, event) => commentAudience(viewer, recordOf(event.data as CommentPayload)),
  present: (viewer, event) => {
    const data = event.data as CommentPayload;
    const view = presentCommentFor(viewer, recordOf(data));
    if (!view) return null;
    return 'comment' in data ? { section: data.section, comment: view } : view;
  },
};

/** Unknown event types are withheld: a new event must declare who may see it before it is streamed. */
const withheld: EventFilter = { audience: () => 'nobody', present: () => null };

// Keyed by event type, or by the prefix before the dot.
const FILTERS: Record<string, EventFilter> = {
  comment: commentEvent,
  // proposal.*: ProposalEvent, the public list entry (never a draft, never the proposed text).
  proposal: publicEvent,
  revision: publicEvent,
  section: publicEvent,
};

export function filterFor(type: string): EventFilter {
  return FILTERS[type] ?? FILTERS[type.split('.')[0]!] ?? withheld;
}
