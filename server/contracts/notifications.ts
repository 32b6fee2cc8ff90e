import { Type, type Static } from 'typebox';

/** What a person can be told about. Staff kinds are offered only to staff. */
export const NOTIFICATION_KINDS = [
  'comment_reply',
  'official_response',
  'comment_moderated',
  'proposal_decided',
  'followed_activity',
  'outcome_published',
  'staff_reports',
  'staff_proposals',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const STAFF_KINDS: readonly NotificationKind[] = ['staff_reports', 'staff_proposals'];

/** How a person wants a kind by email (in the app they always see it). */
export const DELIVERIES = ['immediately', 'daily', 'weekly', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const NotificationKindSchema = Type.Enum(NOTIFICATION_KINDS);
export const DeliverySchema = Type.Enum(DELIVERIES);

export const NotificationView = Type.Object({
  id: Type.Integer(),
  kind: NotificationKindSchema,
  title: Type.String(),
  body: Type.String(),
  /** A path on this site. */
  link: Type.String(),
  createdAt: Type.String(),
  read: Type.Boolean(),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationList = Type.Object({
  notifications: Type.Array(NotificationView),
  unread: Type.Integer(),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type NotificationList = Static<typeof NotificationList>;

export const NotificationsQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
});

export const MarkReadBody = Type.Object(
  { ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 100 })) },
  { additionalProperties: false },
);
export const UnreadResponse = Type.Object({ unread: Type.Integer() });

export const Preference = Type.Object({ kind: NotificationKindSchema, label: Type.String(), delivery: DeliverySchema });
export type Preference = Static<typeof Preference>;
export const PreferencesResponse = Type.Object({ preferences: Type.Array(Preference) });
export const PreferencesBody = Type.Object(
  { preferences: Type.Array(Type.Object({ kind: NotificationKindSchema, delivery: DeliverySchema }, { additionalProperties: false }), { maxItems: 20 }) },
  { additionalProperties: false },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

export const UnsubscribeBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });
export const UnsubscribeQuery = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });
export const UnsubscribeResponse = Type.Object({ kind: NotificationKindSchema, label: Type.String() });

/** Following a section (new threads) or a thread (its replies). */
export const FollowTarget = Type.Union([Type.Literal('section'), Type.Literal('thread')]);
export const Follow = Type.Object({ target: FollowTarget, title: Type.String(), link: Type.String(), consultation: Type.String(), section: Type.String(), commentId: Type.Union([Type.Integer(), Type.Null()]) });
export type Follow = Static<typeof Follow>;
export const FollowsResponse = Type.Object({ follows: Type.Array(Follow) });
export const FollowingResponse = Type.Object({ following: Type.Boolean() });
