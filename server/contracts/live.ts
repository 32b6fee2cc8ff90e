import { Type, type Static } from 'typebox';

/** Live protocol, version 1. Frames are JSON text. */
export const LIVE_PROTOCOL_VERSION = 1;

const Channel = Type.String({ minLength: 1, maxLength: 220 });

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
