import type { Generated } from 'kysely';

/** Tables of email, account links and notifications (migration 0018), merged into `Database` in schema.ts. */
export interface MessagingDatabase {
  outbox: OutboxTable;
  account_tokens: AccountTokensTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  follows: FollowsTable;
  event_cursors: EventCursorsTable;
  server_secrets: ServerSecretsTable;
}

/** An email waiting for the background sender (migration 0018). */
export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  headers_json: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

export type AccountTokenPurpose = 'verify_email' | 'reset_password';

export interface AccountTokensTable {
  token_hash: string;
  user_id: number;
  purpose: AccountTokenPurpose;
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
  email_state: 'pending' | 'sent' | 'none';
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  delivery: string;
}

export interface FollowsTable {
  user_id: number;
  target: 'section' | 'thread';
  target_id: number;
  created_at: string;
}

export interface EventCursorsTable {
  name: string;
  seq: number;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
}
