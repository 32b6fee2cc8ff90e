import type { FieldError } from '../../server/contracts/errors';
import { ApiError } from '../api/api-client';

/** One line of an error summary; it links to its field when it has one. */
export interface FormError {
  field?: string;
  message: string;
}

/** The problems a failed request reports: every field the server listed, else its one message. */
export function formErrorsFrom(error: unknown): FormError[] {
  if (!(error instanceof ApiError)) return [{ message: error instanceof Error ? error.message : String(error) }];
  const listed = error.details?.errors;
  if (Array.isArray(listed) && listed.length > 0) return (listed as FieldError[]).map(({ field, message }) => ({ field, message }));
  return [{ field: error.field, message: error.message }];
}
