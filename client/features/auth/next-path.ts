const AUTH_PAGES = /^\/(sign-in|register)\/?$/;

/**
 * Where to go after signing in or registering: the `?next=` path when it is a page of this site,
 * otherwise home. Anything that would leave the site (`//evil.example`, `https://…`) is ignored.
 */
export function nextPath(search: string = location.search): string {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/')) return '/';
  const url = new URL(next, location.origin);
  if (url.origin !== location.origin || AUTH_PAGES.test(url.pathname)) return '/';
  return url.pathname + url.search + url.hash;
}

/** A link to the sign-in or register page that comes back to `returnTo` (a path) afterwards. */
export function authPageHref(page: '/sign-in' | '/register', returnTo: string): string {
  const path = returnTo.split(/[?#]/)[0] ?? '/';
  return returnTo === '/' || AUTH_PAGES.test(path) ? page : `${page}?next=${encodeURIComponent(returnTo)}`;
}
