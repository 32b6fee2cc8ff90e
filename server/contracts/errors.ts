import { Type, type Static } from 'typebox';
import type { MergeConflictDetails } from './revisions';

/** Every API error has this shape; `field` names the offending input where there is one. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** The error responses every route that acts for someone can give (one set, shared by all route schemas). */
export const ERROR_RESPONSES = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;
/** …and for routes behind a size limit and a rate limit. */
export const LIMITED_ERROR_RESPONSES = { ...ERROR_RESPONSES, 413: ErrorBody, 429: ErrorBody } as const;

/** Every machine-readable error code the API answers with (`error.code`). */
export type ErrorCode =
  // 400
  | 'invalid_input'
  | 'bad_request'
  | 'bad_credentials'
  | 'username_taken'
  | 'weak_password'
  | 'unchanged'
  | 'markdown_too_complex'
  // 401 / 403
  | 'not_signed_in'
  | 'forbidden'
  | 'blocked'
  | 'csrf'
  | 'not_author'
  | 'own_account'
  | 'own_comment'
  | 'own_proposal'
  | 'staff_account'
  | 'last_admin'
  | 'comments_closed'
  | 'thread_closed'
  | 'section_locked'
  | 'closed'
  | 'not_open'
  | 'not_reportable'
  | 'proposal_draft'
  | 'proposal_merged'
  | 'proposal_rejected'
  | 'proposal_withdrawn'
  | 'proposal_hidden'
  | 'bad_origin'
  // 404, 405, 406, 413, 415, 429, 500, 503
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'too_many_sockets'
  | 'internal'
  | 'database_busy'
  // 409
  | 'analysis_running'
  | 'conflict'
  | 'merge_conflict'
  | 'stale'
  | 'no_change'
  | 'comment_removed'
  | 'proposal_changed'
  | 'already_reported'
  | 'already_closed'
  | 'not_closed'
  | 'not_hidden'
  | 'not_pending'
  | 'no_reports'
  | 'duplicate'
  | 'no_passage'
  | 'anchor_orphaned'
  | 'slug_taken'
  | 'still_open'
  | 'outcome_published'
  | 'section_retired'
  | 'suggestion_decided'
  | 'basket_base_changed'
  | 'basket_empty'
  // live protocol
  | 'invalid_message'
  | 'unknown_channel'
  | 'not_subscribed';

/** `error.details` of the codes that carry some; every other code has none. */
export interface ErrorDetailsMap {
  /** A form's every problem at once; `field` and `message` repeat the first. */
  invalid_input: { errors: FieldError[] };
  merge_conflict: MergeConflictDetails;
  stale: { currentRevision: number };
  rate_limited: { retryAfter: number };
  database_busy: { retryAfter: number };
  /** The same person already posted this comment here. */
  duplicate: { existingCommentId: number };
}

/**
 * One problem with one form field. A 400 for a form lists every problem in `details.errors`
 * (so the client can show a GOV.UK error summary); `field` and `message` repeat the first.
 */
export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
}
