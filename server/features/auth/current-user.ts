import type { PublicUser, Role } from '../../contracts/auth';
import type { UserRow } from '../../db/schema';

/** Who is making a request, as every policy sees it. `null` means signed out. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  blocked: boolean;
}

export function toCurrentUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'blocked_at'>): CurrentUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, blocked: row.blocked_at !== null };
}

export function presentUser(user: CurrentUser): PublicUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, blocked: user.blocked };
}

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The raw session token from the cookie, if any (never logged, never stored). */
    sessionToken: string | null;
  }
}
