import { Type, type Static } from 'typebox';

/** Live protocol, version 1. Frames are JSON text. */
export const LIVE_PROTOCOL_VERSION = 1;

const Channel = Type.String({ minLength: 1, maxLength: 220 });

/**
 * Why the server closed a socket. 4000–4999 are the application's own; the client reconnects
 * after any of them (with backoff), which an honest page never needs for the limits below.
 */
export const LIVE_CLOSE_CODES = {
  shuttingDown: 1001,
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

export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('subscribe'), channels: Type.Array(Channel, { minItems: 1, maxItems: 20 }), since: Type.Optional(Type.Integer({ minimum: 0 })) }),
  Type.Object({ type: Type.Literal('unsubscribe'), channels: Type.Array(Channel, { minItems: 1, maxItems: 20 }) }),
  // What the person is doing on a section: reading (default), editing it, or reviewing a proposal.
  Type.Object({ type: Type.Literal('presence'), channel: Channel, activity: Type.Union([Type.Literal('reading'), Type.Literal('editing'), Type.Literal('reviewing')]) }),
  Type.Object({ type: Type.Literal('ping') }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

export interface LiveEventFrame<T = unknown> {
  type: 'event';
  seq: number;
  channel: string;
  event: { type: string; data: T };
}

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
