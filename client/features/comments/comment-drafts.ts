import type { CommentKind } from '../../../server/contracts/comments';

/** What a person has typed into a comment form and not posted yet. */
export interface CommentDraft {
  kind: CommentKind | null;
  body: string;
}

const PREFIX = 'agora:comment-draft:';

/**
 * Half-written comments, kept in sessionStorage per form (section + block, or the comment being
 * replied to), so they survive the page re-rendering for a live update, a new version or a
 * reconnect — and even a reload of the tab. Storage can be refused (private modes, quota):
 * then drafts live only as long as the form does.
 */
export function loadDraft(key: string): CommentDraft | null {
  try {
    const stored = sessionStorage.getItem(PREFIX + key);
    return stored ? (JSON.parse(stored) as CommentDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: CommentDraft): void {
  try {
    if (draft.body === '' && draft.kind === null) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage refused: the form still holds the text.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing stored.
  }
}

/** The key of a form's draft: one per section and passage (or reply target). */
export const draftKey = (consultation: string, section: string, place: string): string => `${consultation}/${section}/${place}`;
