import type { LitElement } from 'lit';
import type { FieldError } from '../../server/contracts/errors';
import { ApiError } from '../api/api-client';
import type { AgoraErrorSummary } from './agora-error-summary';
import { markFormErrors } from './page-title';

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

/**
 * GOV.UK errors for a form inside a page, which keeps the page's own title: marks the title with
 * "Error: " and, once `host` has rendered its <agora-error-summary>, moves focus to the summary.
 */
export async function announceErrors(host: LitElement): Promise<void> {
  markFormErrors(host, true);
  await host.updateComplete;
  const summary = host.renderRoot.querySelector<AgoraErrorSummary>('agora-error-summary');
  await summary?.updateComplete;
  summary?.focus();
}

/** Takes `host`'s "Error: " mark off the page title once it has no errors. */
export function clearErrorTitle(host: LitElement): void {
  markFormErrors(host, false);
}
