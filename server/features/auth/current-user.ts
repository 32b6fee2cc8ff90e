import type { PublicUser, Role } from '../../contracts/auth';

/** Who is making a request, as every policy sees it. `null` means signed out. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  blocked: boolean;
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
