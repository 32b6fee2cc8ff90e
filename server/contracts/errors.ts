import { Type, type Static } from 'typebox';

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

/**
 * One problem with one form field. A 400 for a form lists every problem in `details.errors`
 * (so the client can show a GOV.UK error summary); `field` and `message` repeat the first.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}
