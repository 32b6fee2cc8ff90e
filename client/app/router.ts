/** The app's pages and their URL patterns. Adding a page means adding a line here. */
export type Route =
  | { name: 'consultations' }
  | { name: 'consultation'; consultation: string }
  | { name: 'section'; consultation: string; section: string }
  | { name: 'sign-in' }
  | { name: 'register' }
  | { name: 'admin-users' }
  | { name: 'history'; consultation: string; section: string }
  | { name: 'revision'; consultation: string; section: string; number: number }
  | { name: 'edit-section'; consultation: string; section: string }
  | { name: 'propose'; consultation: string; section: string }
  | { name: 'proposals'; consultation: string; section: string }
  | { name: 'proposal'; id: number }
  | { name: 'revise-proposal'; id: number }
  | { name: 'moderation' }
  | { name: 'moderation-log' }
  | { name: 'search' }
  | { name: 'manage-consultations' }
  | { name: 'new-consultation' }
  | { name: 'manage-consultation'; consultation: string }
  | { name: 'add-section'; consultation: string }
  | { name: 'edit-outcome'; consultation: string }
  | { name: 'change-log'; consultation: string }
  | { name: 'outcome'; consultation: string }
  | { name: 'analysis'; consultation: string }
  | { name: 'forgot-password' }
  | { name: 'reset-password' }
  | { name: 'verify-email' }
  | { name: 'unsubscribe' }
  | { name: 'account' }
  | { name: 'notifications' }
  | { name: 'privacy' }
  | { name: 'questions'; consultation: string }
  | { name: 'dashboard'; consultation: string }
  | { name: 'not-found'; path: string };

const SEGMENT = '([a-z0-9][a-z0-9-]*)';
const PATTERNS: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/$/, () => ({ name: 'consultations' })],
  [new RegExp(`^/c/${SEGMENT}/?$`), (m) => ({ name: 'consultation', consultation: m[1]! })],
  // A consultation's own pages come before its sections (section slugs cannot take these names).
  [new RegExp(`^/c/${SEGMENT}/manage/?$`), (m) => ({ name: 'manage-consultation', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/manage/add-section/?$`), (m) => ({ name: 'add-section', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/manage/outcome/?$`), (m) => ({ name: 'edit-outcome', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/changes/?$`), (m) => ({ name: 'change-log', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/outcome/?$`), (m) => ({ name: 'outcome', consultation: m[1]! })],
  [/^\/manage\/?$/, () => ({ name: 'manage-consultations' })],
  [/^\/consultations\/new\/?$/, () => ({ name: 'new-consultation' })],
  // Before the section pattern: a section cannot be called "analysis" from the browser's point of view.
  [new RegExp(`^/c/${SEGMENT}/analysis/?$`), (m) => ({ name: 'analysis', consultation: m[1]! })],
  // Before the section pattern: `questions` and `dashboard` are not section slugs (content-files reserves them).
  [new RegExp(`^/c/${SEGMENT}/questions/?$`), (m) => ({ name: 'questions', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/dashboard/?$`), (m) => ({ name: 'dashboard', consultation: m[1]! })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/?$`), (m) => ({ name: 'section', consultation: m[1]!, section: m[2]! })],
  [/^\/sign-in\/?$/, () => ({ name: 'sign-in' })],
  [/^\/register\/?$/, () => ({ name: 'register' })],
  [/^\/admin\/users\/?$/, () => ({ name: 'admin-users' })],
  [/^\/moderation\/?$/, () => ({ name: 'moderation' })],
  [/^\/moderation\/log\/?$/, () => ({ name: 'moderation-log' })],
  [/^\/search\/?$/, () => ({ name: 'search' })],
  [/^\/forgot-password\/?$/, () => ({ name: 'forgot-password' })],
  [/^\/reset-password\/?$/, () => ({ name: 'reset-password' })],
  [/^\/verify-email\/?$/, () => ({ name: 'verify-email' })],
  [/^\/unsubscribe\/?$/, () => ({ name: 'unsubscribe' })],
  [/^\/account\/?$/, () => ({ name: 'account' })],
  [/^\/notifications\/?$/, () => ({ name: 'notifications' })],
  [/^\/privacy\/?$/, () => ({ name: 'privacy' })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/history/?$`), (m) => ({ name: 'history', consultation: m[1]!, section: m[2]! })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/history/([1-9][0-9]{0,8})/?$`), (m) => ({ name: 'revision', consultation: m[1]!, section: m[2]!, number: Number(m[3]) })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/edit/?$`), (m) => ({ name: 'edit-section', consultation: m[1]!, section: m[2]! })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/propose/?$`), (m) => ({ name: 'propose', consultation: m[1]!, section: m[2]! })],
  [new RegExp(`^/c/${SEGMENT}/${SEGMENT}/proposals/?$`), (m) => ({ name: 'proposals', consultation: m[1]!, section: m[2]! })],
  [/^\/p\/([1-9][0-9]{0,8})\/?$/, (m) => ({ name: 'proposal', id: Number(m[1]) })],
  [/^\/p\/([1-9][0-9]{0,8})\/revise\/?$/, (m) => ({ name: 'revise-proposal', id: Number(m[1]) })],
];

export function matchRoute(pathname: string): Route {
  for (const [pattern, build] of PATTERNS) {
    const match = pathname.match(pattern);
    if (match) return build(match);
  }
  return { name: 'not-found', path: pathname };
}

/** Pushes a new URL and tells the app shell to render it. */
export function navigate(href: string): void {
  history.pushState({}, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * Turns same-origin link clicks anywhere (including inside shadow roots) into History API
 * navigations, so pages change without a reload while every URL still works on its own.
 */
export function interceptLinks(onNavigate: () => void): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
    if (/^\/(api|feeds)\//.test(anchor.pathname)) return;
    if (anchor.pathname === location.pathname && anchor.hash) return; // in-page anchor
    event.preventDefault();
    history.pushState({}, '', anchor.pathname + anchor.search + anchor.hash);
    onNavigate();
  };
  window.addEventListener('click', onClick);
  window.addEventListener('popstate', onNavigate);
  return () => {
    window.removeEventListener('click', onClick);
    window.removeEventListener('popstate', onNavigate);
  };
}
