import { Type, type Static } from 'typebox';

const Place = Type.Object({ consultation: Type.String(), section: Type.String(), sectionTitle: Type.String() });

/** `GET /api/account/activity`: what a person did here and what came back. */
export const Activity = Type.Object({
  comments: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), excerpt: Type.String(), status: Type.String(), createdAt: Type.String(), link: Type.String(), place: Place })),
  replies: Type.Array(Type.Object({ id: Type.Integer(), toCommentId: Type.Integer(), author: Type.String(), excerpt: Type.String(), createdAt: Type.String(), link: Type.String() })),
  proposals: Type.Array(Type.Object({ id: Type.Integer(), summary: Type.String(), status: Type.String(), createdAt: Type.String(), link: Type.String() })),
  endorsements: Type.Array(Type.Object({ commentId: Type.Integer(), createdAt: Type.String() })),
});
export type Activity = Static<typeof Activity>;
export const ActivityResponse = Type.Object({ activity: Activity });

/** How long this site keeps what the privacy page names (its settings, so the page never states a default that was changed). */
export const RetentionSettings = Type.Object({
  /** A session unused this many days ends (`SESSION_IDLE_DAYS`). */
  sessionIdleDays: Type.Integer(),
  /** The event log behind live updates keeps this many days (`EVENT_RETENTION_DAYS`). */
  eventRetentionDays: Type.Integer(),
});
export type RetentionSettings = Static<typeof RetentionSettings>;

export const DeleteAccountBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Also remove the text of my comments (otherwise they stay, shown as by "Deleted account"). */
    removeComments: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DeleteAccountBody = Static<typeof DeleteAccountBody>;
