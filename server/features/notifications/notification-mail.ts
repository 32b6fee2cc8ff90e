import type { NotificationKind } from '../../contracts/notifications';
import type { OutgoingMail } from '../mail/mail.service';
import { KIND_LABELS } from './notification-kinds';
import type { MailContext, NewNotification } from './notifications.service';

type Item = Pick<NewNotification, 'kind' | 'title' | 'body' | 'link'>;

/**
 * One email: a single notification, or a digest of several. It carries a signed one-click
 * unsubscribe (RFC 8058) for its kind — for a digest, the kind of its first item — and links to
 * the settings for everything else.
 */
export function notificationMail(context: MailContext, userId: number, to: string, items: Item[], digest?: 'daily' | 'weekly'): OutgoingMail {
  const kind: NotificationKind = items[0]!.kind;
  const token = encodeURIComponent(context.links.token(userId, kind));
  // The header is for mail programs' one-click POST; people get a page with a button (a GET changes nothing).
  const oneClick = `${context.origin}/api/notifications/unsubscribe?token=${token}`;
  const page = `${context.origin}/unsubscribe?token=${token}`;
  const lines = items.flatMap((item) => [item.title, ...(item.body ? [item.body] : []), `${context.origin}${item.link}`, '']);
  const subject = digest ? `Your ${digest} Agora digest: ${items.length} ${items.length === 1 ? 'notification' : 'notifications'}` : items[0]!.title;
  return {
    to,
    subject,
    text: [
      ...lines,
      '—',
      `To stop emails about “${KIND_LABELS[kind]}”, open: ${page}`,
      `To choose what we email you: ${context.origin}/notifications`,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
