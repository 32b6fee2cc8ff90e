import type { Role } from './auth';
import type { CommentRecord, CommentView } from './comments';
import type { ConsultationChange } from './consultation-management';
import type { ReportReason, SectionCommentsState } from './moderation';
import type { NotificationView } from './notifications';
import type { ProposalEvent } from './proposals';
import type { SectionLock } from './revisions';
import type { SuggestionEvent } from './suggestions';

// The live protocol, shared by the server and the client. This file is bundled into the client,
// so it imports types only (the dependency checker enforces it).

/** Live protocol, version 1. Frames are JSON text. */
export const LIVE_PROTOCOL_VERSION = 1;

/** `section:<consultation>/<section>` — what readers of one section subscribe to. */
export const sectionChannel = (consultationSlug: string, sectionSlug: string): string => `section:${consultationSlug}/${sectionSlug}`;
/** `consultation:<slug>` — consultation-wide events (counts on the overview, phase changes). */
export const consultationChannel = (consultationSlug: string): string => `consultation:${consultationSlug}`;
/**
 * Private per-account channel: a role change, block or sign-out re-checks that person's live
 * sockets; only that person may subscribe to it (their notifications).
 */
export const USER_CHANNEL_PREFIX = 'user:';
export const userChannel = (userId: number): string => `${USER_CHANNEL_PREFIX}${userId}`;
/** Moderators' channel: reports and queue changes. */
export const MODERATION_CHANNEL = 'moderation';

/**
 * Why the server closed a socket. 4000–4999 are the application's own; the client reconnects (and
 * resumes) after each, with backoff, which an honest page never needs for the limits below.
 */
export const LIVE_CLOSE = {
  /** The server is restarting. */
  goingAway: 1001,
  /** The session behind the socket ended (signed out, or the account changed). */
  signedOut: 4001,
  /** More unsent bytes than LIVE_MAX_BUFFERED_BYTES: reconnect and resume from the last seq. */
  tooSlow: 4008,
  /** More than MAX_MESSAGES_PER_SECOND (beyond a short burst). */
  tooManyMessages: 4009,
  /** A subscribe would take the socket past MAX_SUBSCRIPTIONS_PER_SOCKET channels. */
  tooManySubscriptions: 4010,
} as const;

/** A page watches a handful of channels; this leaves room for many tabs' worth. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;
/** Sustained client messages per second per socket; a burst of twice as many is allowed. */
export const MAX_MESSAGES_PER_SECOND = 20;
/**
 * A resume replays at most this many events; a longer history gets `reset` (reload over HTTP,
 * which pages) instead of a flood of frames.
 */
export const MAX_REPLAY_EVENTS = 500;

type Person = { username: string; displayName: string | null };

/** Events whose payload is a comment: the whole thread's top comment for `thread.*`. */
export type CommentEventType =
  | 'comment.created'
  | 'comment.updated'
  /** An edit by an author under pre-moderation sent a published comment back to the queue. */
  | 'comment.held'
  | 'comment.deleted'
  | 'comment.endorsed'
  | 'comment.hidden'
  | 'comment.restored'
  | 'comment.approved'
  | 'comment.addressed'
  /** A moderator confirmed, moved or detached a comment's re-anchored passage. */
  | 'comment.anchor_checked'
  | 'thread.closed'
  | 'thread.reopened';

/** `proposal.moderated`: approved, hidden or restored by moderation (or hidden after reports). */
export type ProposalEventType = 'proposal.opened' | 'proposal.updated' | 'proposal.merged' | 'proposal.rejected' | 'proposal.withdrawn' | 'proposal.moderated';

/**
 * Every live event type and the payload a subscriber receives with it. Comment payloads are each
 * viewer's own view of the comment (see `LoggedEventMap` for what the server stores).
 */
export type LiveEventMap = { [K in CommentEventType]: CommentView } & { [K in ProposalEventType]: ProposalEvent } & {
  /** Counts by kind changed on the consultation's overview (a top-level comment came or went). */
  'comment.counts_changed': { section: string; comment: CommentView };
  'revision.published': {
    number: number;
    summary: string;
    author: Person | null;
    createdAt: string;
    /** How many comments listed to everyone moved or lost their passage. */
    comments: { moved: number; orphaned: number };
  };
  /** An editor or admin changed the consultation (dates, summary, sections, outcome): one line of its public change log. */
  'consultation.changed': ConsultationChange;
  /** The outcome went out for the first time: those who responded are told (notifications). */
  'consultation.outcome_published': { consultationId: number };
  /** A suggestion was sent, or its support or decision changed (no text: viewers reload the list). */
  'suggestion.created': SuggestionEvent;
  'suggestion.changed': SuggestionEvent;
  'section.locked': { lock: SectionLock };
  'section.unlocked': { by: Person };
  'section.comments_closed': SectionCommentsState;
  'section.comments_reopened': SectionCommentsState;
  'report.created': { commentId: number; reason: ReportReason; reports: number };
  /** Which queue items changed: comments, proposals or proposals' discussion comments. */
  'queue.changed': { commentIds?: number[]; proposalIds?: number[]; proposalCommentIds?: number[] };
  'account.role_changed': { userId: number; role: Role };
  'account.blocked': { userId: number };
  'account.unblocked': { userId: number };
  'account.signed_out': { userId: number };
  /** On the person's own `user:<id>` channel: a new notification and their unread count. */
  'notification.created': { notification: NotificationView; unread: number };
  'notification.read': { unread: number };
};

export type LiveEventType = keyof LiveEventMap;

/**
 * What the server appends to the event log: as sent, except that comment events keep the full
 * stored record, which the live feature filters per viewer with the comments policy.
 */
export type LoggedEventMap = {
  [K in LiveEventType]: LiveEventMap[K] extends CommentView ? CommentRecord : LiveEventMap[K] extends { comment: CommentView } ? { section: string; comment: CommentRecord } : LiveEventMap[K];
};

/** A client's event handler arguments: narrowing `type` narrows `data`. */
export type LiveEventArgs = { [K in LiveEventType]: [type: K, data: LiveEventMap[K], seq: number] }[LiveEventType];

/** Whether the event carries one comment (comment.* but the counts, and thread.*). */
export function isCommentEvent(event: LiveEventArgs): event is Extract<LiveEventArgs, [CommentEventType, ...unknown[]]> {
  const [type] = event;
  return (type.startsWith('comment.') && type !== 'comment.counts_changed') || type.startsWith('thread.');
}


/** An event as a subscriber receives it, `data` typed by its `type`. */
export type LiveEventFrame = {
  [K in LiveEventType]: { type: 'event'; seq: number; channel: string; event: { type: K; data: LiveEventMap[K] } };
}[LiveEventType];

export interface PresenceFrame {
  type: 'presence';
  channel: string;
  viewers: number;
  editing: string[];
  reviewing: string[];
}

export type ServerMessage =
  | { type: 'hello'; version: number; seq: number; user: { username: string; role: string } | null }
  | { type: 'subscribed'; channel: string; seq: number }
  | { type: 'reset'; channel: string; seq: number }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; channel?: string }
  | LiveEventFrame
  | PresenceFrame;
