import { badRequest } from './errors';

/**
 * Refuses text holding a lone surrogate: it cannot be stored as UTF-8, so it would not come back
 * as sent. `subject` names the text in the message ("The comment").
 */
export function refuseInvalidCharacters(text: string, field: string, subject = 'The text'): void {
  if (/\p{Cs}/u.test(text)) throw badRequest(`${subject} contains characters that are not valid text.`, field);
}
