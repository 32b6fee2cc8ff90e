import { LIVE_CLOSE } from '../../contracts/live';
import type { Db } from '../../db/database';
import { resolveSession } from '../auth/users.service';
import type { LiveConnection } from './live-connection';

/**
 * Re-reads who is behind a socket. Returns false (and closes the socket) when its session is gone,
 * so a sign-out or a block takes effect on live connections at once.
 */
export async function refreshConnectionUser(db: Db, connection: LiveConnection): Promise<boolean> {
  if (!connection.sessionToken) return true;
  const user = await resolveSession(db, connection.sessionToken, Number.POSITIVE_INFINITY);
  if (!user) {
    connection.user = null;
    connection.close(LIVE_CLOSE.signedOut, 'signed out');
    return false;
  }
  connection.user = user;
  return true;
}
