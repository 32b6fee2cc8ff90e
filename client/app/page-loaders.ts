import type { Route } from './router';

/**
 * Pages other than reading are loaded when first visited, so a reader's first visit downloads and
 * runs only the reading pages. Each import defines its page's custom element.
 */
const LOADERS: Partial<Record<Route['name'], () => Promise<unknown>>> = {
  'sign-in': () => import('../features/auth/agora-sign-in-page'),
  register: () => import('../features/auth/agora-register-page'),
  'admin-users': () => import('../features/auth/agora-admin-users-page'),
  moderation: () => import('../features/moderation/agora-moderation-queue'),
  'moderation-log': () => import('../features/moderation/agora-moderation-log'),
  history: () => import('../features/revisions/agora-section-history'),
  revision: () => import('../features/revisions/agora-revision-view'),
  'edit-section': () => import('../features/revisions/agora-section-editor'),
  propose: () => import('../features/proposals/agora-proposal-editor'),
  'revise-proposal': () => import('../features/proposals/agora-proposal-editor'),
  proposals: () => import('../features/proposals/agora-proposal-list'),
  proposal: () => import('../features/proposals/agora-proposal-page'),
  search: () => import('../features/search/agora-search-page'),
  'manage-consultations': () => import('../features/consultations/agora-manage-consultations'),
  'new-consultation': () => import('../features/consultations/agora-consultation-create'),
  'manage-consultation': () => import('../features/consultations/agora-consultation-manage'),
  'add-section': () => import('../features/consultations/agora-section-add'),
  'edit-outcome': () => import('../features/consultations/agora-outcome-editor'),
  'change-log': () => import('../features/consultations/agora-change-log'),
  outcome: () => import('../features/consultations/agora-outcome-page'),
  analysis: () => import('../features/analysis/agora-analysis-page'),
  'forgot-password': () => import('../features/auth/agora-forgot-password-page'),
  'reset-password': () => import('../features/auth/agora-reset-password-page'),
  'verify-email': () => import('../features/auth/agora-email-link-page'),
  unsubscribe: () => import('../features/auth/agora-email-link-page'),
  account: () => import('../features/auth/agora-account-page'),
  notifications: () => import('../features/notifications/agora-notifications-page'),
  privacy: () => import('../features/auth/agora-privacy-page'),
  questions: () => import('../features/questions/agora-questions-page'),
  // Observable Plot comes with the dashboard only, so other pages stay small.
  dashboard: () => import('../features/dashboard/agora-dashboard-page'),
};

/** Starts loading the route's page (no-op for the reading pages, which are in the main bundle). */
export function loadPage(route: Route): void {
  void LOADERS[route.name]?.();
}
