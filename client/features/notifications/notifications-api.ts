import type { Delivery, Follow, NotificationList, Preference } from '../../../server/contracts/notifications';
import { api } from '../../api/api-client';

export const getNotifications = (before?: number) => api<NotificationList>(`/api/notifications${before ? `?before=${before}` : ''}`);
export const markAllRead = () => api<{ unread: number }>('/api/notifications/read', { method: 'POST', body: {} });
export const getPreferences = () => api<{ preferences: Preference[] }>('/api/notifications/preferences');
export const savePreferences = (preferences: { kind: string; delivery: Delivery }[]) =>
  api<{ preferences: Preference[] }>('/api/notifications/preferences', { method: 'PUT', body: { preferences } });
export const unsubscribe = (token: string) => api<{ kind: string; label: string }>(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST', body: {} });

/** Following a section or a thread: the same call shape for both. */
export const followPath = (target: { consultation: string; section: string } | { commentId: number }) =>
  'commentId' in target ? `/api/follows/comments/${target.commentId}` : `/api/follows/sections/${target.consultation}/${target.section}`;
export const getFollows = () => api<{ follows: Follow[] }>('/api/follows');
export const isFollowing = (path: string) => api<{ following: boolean }>(path);
export const setFollowing = (path: string, on: boolean) => api<{ following: boolean }>(path, { method: on ? 'PUT' : 'DELETE' });

export const DELIVERY_LABELS: Record<Delivery, string> = { immediately: 'Email at once', daily: 'Daily digest', weekly: 'Weekly digest', off: 'No email' };
