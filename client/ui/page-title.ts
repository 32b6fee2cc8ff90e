/**
 * The document title has one home. A page names itself with `setPageTitle`; a form inside it
 * marks the title "Error: " while it shows problems (GOV.UK). Keeping both here means a page that
 * re-renders (a live update, a poll) cannot wipe a form's mark, and a form cannot keep a stale name.
 */
const formsShowingErrors = new Set<Element>();
let pageName = 'Agora';

/** Names the page: the title becomes "<name> — Agora", marked while a form on it shows errors. */
export function setPageTitle(name: string): void {
  pageName = name;
  writeTitle();
}

/** Records whether `form` shows problems; a form that has left the page no longer counts. */
export function markFormErrors(form: Element, showsErrors: boolean): void {
  if (showsErrors) formsShowingErrors.add(form);
  else formsShowingErrors.delete(form);
  writeTitle();
}

function writeTitle(): void {
  for (const form of formsShowingErrors) if (!form.isConnected) formsShowingErrors.delete(form);
  const title = `${formsShowingErrors.size > 0 ? 'Error: ' : ''}${pageName} — Agora`;
  if (document.title !== title) document.title = title;
}
