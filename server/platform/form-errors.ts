import type { FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldError } from '../contracts/errors';
import { badRequest, HttpError } from './errors';

/** What to tell a person who left a field empty, and one who filled it in wrongly. */
export interface FieldMessages {
  missing: string;
  invalid: string;
}

/** A 400 that lists every problem at once; the first one is also the error's own field and message. */
export function invalidFields(errors: [FieldError, ...FieldError[]]): HttpError {
  const [first] = errors;
  return new HttpError(400, first.code, first.message, first.field, { errors });
}

/** Each property of `schema` that `body` gets wrong, in plain words, in the schema's (the form's) order. */
export function schemaFieldErrors<T extends TObject>(schema: T, body: unknown, messages: Record<keyof T['properties'] & string, FieldMessages>): FieldError[] {
  const values: Record<string, unknown> = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const required = new Set(schema.required ?? []);
  const errors: FieldError[] = [];
  for (const [field, fieldSchema] of Object.entries(schema.properties)) {
    const value = values[field];
    const empty = value === undefined || value === '';
    if ((value === undefined && !required.has(field)) || Value.Check(fieldSchema, value)) continue;
    const message = messages[field as keyof T['properties'] & string];
    errors.push({ field, code: 'invalid_input', message: empty ? message.missing : message.invalid });
  }
  return errors;
}

/**
 * For routes with `attachValidation`: turns a schema failure into field errors a form can show
 * next to each field, instead of the validator's wording about the first problem only.
 */
export function rejectInvalidForm<T extends TObject>(request: FastifyRequest, schema: T, messages: Record<keyof T['properties'] & string, FieldMessages>): void {
  if (!request.validationError) return;
  const [first, ...rest] = schemaFieldErrors(schema, request.body, messages);
  throw first ? invalidFields([first, ...rest]) : badRequest(request.validationError.message);
}
