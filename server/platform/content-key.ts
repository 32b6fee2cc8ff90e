import { createHash } from 'node:crypto';

/**
 * A short key for a tuple of texts, for caching work done on them. The lengths are hashed first,
 * so ("ab", "c") and ("a", "bc") differ.
 */
export function contentKey(...texts: string[]): string {
  const hash = createHash('sha256').update(texts.map((text) => text.length).join(':'));
  for (const text of texts) hash.update(text);
  return hash.digest('base64');
}
