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
  questions: () => import('../features/questions/agora-questions-page'),
  // Observable Plot comes with the dashboard only, so other pages stay small.
  dashboard: () => import('../features/dashboard/agora-dashboard-page'),
};

/** Starts loading the route's page (no-op for the reading pages, which are in the main bundle). */
export function loadPage(route: Route): void {
  void LOADERS[route.name]?.();
}
