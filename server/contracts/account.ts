import { Type, type Static } from 'typebox';

// Account recovery and control: the person's own email address and password, and their sessions.

export const EmailAddress = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' });
const NewPassword = Type.String({ minLength: 1, maxLength: 1024 });
const LinkToken = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const PasswordResetRequestBody = Type.Object({ email: EmailAddress }, { additionalProperties: false });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetBody = Type.Object({ token: LinkToken, password: NewPassword }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const EmailTokenBody = Type.Object({ token: LinkToken }, { additionalProperties: false });
export type EmailTokenBody = Static<typeof EmailTokenBody>;

export const ChangePasswordBody = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: NewPassword }, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ChangeEmailBody = Type.Object({ email: EmailAddress, currentPassword: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false });
export type ChangeEmailBody = Static<typeof ChangeEmailBody>;

/** What `GET /api/account` tells the person about their own account. */
export const AccountSettings = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Boolean(),
  createdAt: Type.String(),
});
export type AccountSettings = Static<typeof AccountSettings>;
export const AccountResponse = Type.Object({ account: AccountSettings });

/** The answer to anything that may send an email: the same words whether or not an account matched. */
export const MessageResponse = Type.Object({ message: Type.String() });
