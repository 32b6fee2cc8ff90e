import { html } from 'lit';
import type { ProposalList } from '../../../server/contracts/proposals';
import { authPageHref } from '../auth/next-path';

/** "Suggest an edit", or why the reader cannot — with a sign-in link when signing in is all it takes. */
export function proposingNotice(proposing: ProposalList['proposing'], sectionPath: string) {
  const propose = `${sectionPath}/propose`;
  if (proposing.allowed) return html`<p><a href=${propose}>Suggest an edit</a></p>`;
  if (proposing.code === 'not_signed_in') return html`<p><a href=${authPageHref('/sign-in', propose)}>Sign in to suggest an edit</a></p>`;
  return html`<p class="muted">${proposing.message}</p>`;
}
