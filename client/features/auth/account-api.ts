import type { AccountSettings } from '../../../server/contracts/account';
import type { Activity, RetentionSettings } from '../../../server/contracts/personal-data';
import { api } from '../../api/api-client';

type Message = { message: string };

export const requestPasswordReset = (email: string) => api<Message>('/api/auth/password-reset', { method: 'POST', body: { email } });
export const resetPassword = (token: string, password: string) => api<null>('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password } });
export const confirmEmail = (token: string) => api<null>('/api/auth/verify-email', { method: 'POST', body: { token } });
export const getAccount = () => api<{ account: AccountSettings }>('/api/account');
export const getRetention = () => api<RetentionSettings>('/api/privacy');
export const getActivity = () => api<{ activity: Activity }>('/api/account/activity');
export const changePassword = (currentPassword: string, newPassword: string) => api<null>('/api/account/password', { method: 'POST', body: { currentPassword, newPassword } });
export const changeEmail = (email: string, currentPassword: string) => api<Message>('/api/account/email', { method: 'POST', body: { email, currentPassword } });
export const resendConfirmation = () => api<Message>('/api/account/email/verify', { method: 'POST' });
export const signOutEverywhere = () => api<null>('/api/account/sign-out-everywhere', { method: 'POST' });
export const deleteAccount = (currentPassword: string, removeComments: boolean) => api<null>('/api/account/delete', { method: 'POST', body: { currentPassword, removeComments } });

/** The `token` of an emailed link (…?token=…). */
export const linkToken = () => new URLSearchParams(location.search).get('token') ?? '';
