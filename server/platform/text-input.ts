import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors';

/**
 * Refuses U+0000 anywhere in a request's query, path or JSON body with a 400 naming the field.
 * No text a person writes holds it, and PostgreSQL cannot store it in text (it answered 500 for a
 * comment or a passage id with one); refusing it on both engines keeps them alike.
 */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = fieldWithNul(part, '');
      if (field !== undefined) throw badRequest(`${field || 'request'}: contains a NUL character (U+0000), which text cannot hold`, field || undefined);
    }
  });
}

/** The dotted path of the first string holding U+0000 (`''` for the value itself), or undefined. */
function fieldWithNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = fieldWithNul(inner, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}
