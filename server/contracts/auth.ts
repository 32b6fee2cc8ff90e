import { Type, type Static } from 'typebox';

export const RoleSchema = Type.Union([Type.Literal('citizen'), Type.Literal('editor'), Type.Literal('moderator'), Type.Literal('admin')]);
export type Role = Static<typeof RoleSchema>;

export const PublicUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  blocked: Type.Boolean(),
});
export type PublicUser = Static<typeof PublicUser>;

export const UserResponse = Type.Object({ user: PublicUser });

/**
 * What the signed-in person may do across the site, worked out by the server's policies so the
 * client never re-derives it from a role (Outline's `presentPolicies`).
 */
export const SessionAbilities = Type.Object({
  /** Comment, reply, endorse, report, propose: signed in and not blocked. */
  participate: Type.Boolean(),
  /** The moderation queue, hiding and restoring, closing threads, blocking. */
  moderate: Type.Boolean(),
  /** Accounts: roles and blocks. */
  manageAccounts: Type.Boolean(),
  /** Consultations: dates, summary, sections, outcome. */
  manageConsultations: Type.Boolean(),
  /** New consultations. */
  createConsultations: Type.Boolean(),
  /** Campaigns and themes of the responses. */
  analyseResponses: Type.Boolean(),
  /** Direct edits, reverts, locks, anchor review and "addressed in version N". */
  editSections: Type.Boolean(),
  /** Official answers in closed threads. */
  answerOfficially: Type.Boolean(),
});
export type SessionAbilities = Static<typeof SessionAbilities>;

/** The signed-in person, with what they may do. */
export const SessionUser = Type.Object({ ...PublicUser.properties, can: SessionAbilities });
export type SessionUser = Static<typeof SessionUser>;

/** Registering and signing in answer with the person now signed in. */
export const SignedInResponse = Type.Object({ user: SessionUser });
/** GET /api/me: who is signed in, `null` for nobody (an ordinary answer, not an error). */
export const SessionResponse = Type.Object({ user: Type.Union([SessionUser, Type.Null()]) });

export const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$', description: 'letters, digits, . _ -' });

export const RegisterBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 80 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }), Type.Literal('')])),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const CsrfResponse = Type.Object({ token: Type.Union([Type.String(), Type.Null()]) });

export const AdminUser = Type.Object({
  ...PublicUser.properties,
  email: Type.Union([Type.String(), Type.Null()]),
  blockedReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

export const ChangeRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const BlockBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** The accounts page: `q` matches usernames, names and email addresses (any part, any case). */
export const UsersQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type UsersQuery = Static<typeof UsersQuery>;

export const UserPage = Type.Object({ users: Type.Array(AdminUser), page: Type.Integer(), nextPage: Type.Union([Type.Integer(), Type.Null()]) });
export type UserPage = Static<typeof UserPage>;
