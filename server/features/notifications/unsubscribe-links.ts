import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../contracts/notifications';
import type { Db } from '../../db/database';
import { serverSecret } from './notifications.repository';

/**
 * One-click unsubscribe (RFC 8058): the link names the account and the kind and is signed with a
 * key the server made once and keeps, so it works without signing in and cannot be forged.
 */
export class UnsubscribeLinks {
  private constructor(private readonly key: string) {}

  static async load(db: Db): Promise<UnsubscribeLinks> {
    return new UnsubscribeLinks(await serverSecret(db, 'unsubscribe', () => randomBytes(32).toString('base64url')));
  }

  token(userId: number, kind: NotificationKind): string {
    return `${userId}.${kind}.${this.sign(userId, kind)}`;
  }

  /** The account and kind a token was made for, or null when it is not one of ours. */
  verify(token: string): { userId: number; kind: NotificationKind } | null {
    const [id, kind, signature] = token.split('.');
    const userId = Number(id);
    if (!Number.isInteger(userId) || !NOTIFICATION_KINDS.includes(kind as NotificationKind) || !signature) return null;
    const expected = Buffer.from(this.sign(userId, kind as NotificationKind));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? { userId, kind: kind as NotificationKind } : null;
  }

  private sign(userId: number, kind: NotificationKind): string {
    return createHmac('sha256', this.key).update(`unsubscribe:${userId}:${kind}`).digest('base64url');
  }
}
