import { userChannel } from '../../contracts/live';
import type { Db } from '../../db/database';
import type { LoggedEvent } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';
import { commentStates } from '../comments/comments.service';
import type { CommentRecord } from '../../contracts/comments';
import { commentAudience, presentCommentFor } from '../comments/comments.policy';
import { mayModerate } from '../moderation/moderation.policy';
import { moderatedAudience, type ProposalRecord, proposalEventFor, proposalStates } from '../proposals/proposals.service';

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

/**
 * proposal.*: the stored ProposalRecord (the list entry, never a draft or the proposed text),
 * through the proposals' own visibility rule: nothing of one waiting for approval, a tombstone
 * of a hidden one, except for its author and moderators.
 */
const proposalEvent: EventFilter = {
  audience: (viewer, event) => moderatedAudience(viewer, { authorId: (event.data as ProposalRecord).authorId ?? null }),
  present: (viewer, event) => proposalEventFor(viewer, event.data as ProposalRecord),
};

/** report.*, queue.* (moderation channel): only for those the moderation queue itself is for. */
const moderatorsOnly: EventFilter = {
  audience: (viewer) => (mayModerate(viewer).allowed ? 'moderators' : 'nobody'),
  present: (viewer, event) => (mayModerate(viewer).allowed ? event.data : null),
};

/** notification.* (on `user:<id>`): only that person, whom the channel policy already limits it to. */
const ownerOnly: EventFilter = {
  audience: (viewer, event) => (viewer && event.channel === userChannel(viewer.id) ? `user ${viewer.id}` : 'nobody'),
  present: (viewer, event) => (viewer && event.channel === userChannel(viewer.id) ? event.data : null),
};

/** Unknown event types are withheld: a new event must declare who may see it before it is streamed. */
const withheld: EventFilter = { audience: () => 'nobody', present: () => null };

// Keyed by event type, or by the prefix before the dot.
const FILTERS: Record<string, EventFilter> = {
  comment: commentEvent,
  // thread.closed | thread.reopened: the thread's top-level CommentRecord.
  thread: commentEvent,
  report: moderatorsOnly,
  queue: moderatorsOnly,
  proposal: proposalEvent,
  revision: publicEvent,
  section: publicEvent,
  // consultation.changed: a line of the public change log.
  consultation: publicEvent,
  // suggestion.*: ids, status and support counts only, appended only for suggestions everyone may read.
  suggestion: publicEvent,
  notification: ownerOnly,
};

export function filterFor(type: string): EventFilter {
  return FILTERS[type] ?? FILTERS[type.split('.')[0]!] ?? withheld;
}

/**
 * A logged event holds the comment or proposal as it was when written. One hidden, deleted or
 * held since must be judged as it is now — on replay above all (hypothesis/h#9891) — so the hub
 * passes what it reads from the log through here, which gives every comment and proposal record
 * its current moderation state.
 */
export async function withCurrentComments(db: Db, events: LoggedEvent[]): Promise<LoggedEvent[]> {
  const carries = (event: LoggedEvent) => filterFor(event.type) === commentEvent;
  const ids = [...new Set(events.filter(carries).map((event) => recordOf(event.data as CommentPayload).id))];
  const proposalIds = [...new Set(events.filter((event) => filterFor(event.type) === proposalEvent).map((event) => (event.data as ProposalRecord).id))];
  if (ids.length === 0 && proposalIds.length === 0) return events;
  const states = new Map((await commentStates(db, ids)).map((state) => [state.id, state]));
  const proposals = new Map((await proposalStates(db, proposalIds)).map((state) => [state.id, state]));
  return events.map((event) => {
    if (filterFor(event.type) === proposalEvent) {
      const record = event.data as ProposalRecord;
      const state = proposals.get(record.id);
      // A proposal no longer stored (its consultation removed) is shown to no one but moderators.
      return { ...event, data: { ...record, moderation: state?.moderation ?? 'pending', hiddenReason: state?.hidden_reason ?? null, authorId: state?.author_id ?? null } };
    }
    if (!carries(event)) return event;
    const data = event.data as CommentPayload;
    const state = states.get(recordOf(data).id);
    // A comment no longer stored (its consultation removed) is treated as deleted.
    const record: CommentRecord = { ...recordOf(data), status: state?.status ?? 'deleted', hiddenReason: state?.hidden_reason ?? null };
    return { ...event, data: 'comment' in data ? { ...data, comment: record } : record };
  });
}
