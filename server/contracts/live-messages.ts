import { Type, type Static } from 'typebox';

/** What a client may send on the live socket, checked on arrival. */
const Channel = Type.String({ minLength: 1, maxLength: 220 });

export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('subscribe'), channels: Type.Array(Channel, { minItems: 1, maxItems: 20 }), since: Type.Optional(Type.Integer({ minimum: 0 })) }),
  Type.Object({ type: Type.Literal('unsubscribe'), channels: Type.Array(Channel, { minItems: 1, maxItems: 20 }) }),
  // What the person is doing on a section: reading (default), editing it, or reviewing a proposal.
  Type.Object({ type: Type.Literal('presence'), channel: Channel, activity: Type.Union([Type.Literal('reading'), Type.Literal('editing'), Type.Literal('reviewing')]) }),
  Type.Object({ type: Type.Literal('ping') }),
]);
export type ClientMessage = Static<typeof ClientMessage>;
