import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, ErrorDetailsMap } from '../contracts/errors';
import { clientAddress } from './client-address';
import { RefusalHold } from './refusal-hold';

/** An error a service raises on purpose; the handler turns it into `{error:{code,message}}`. */
export class HttpError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: C,
    message: string,
    readonly field?: string,
    readonly details?: C extends keyof ErrorDetailsMap ? ErrorDetailsMap[C] : never,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, field?: string, code: ErrorCode = 'invalid_input') => new HttpError(400, code, message, field);
export const unauthorized = (message = 'You need to sign in to do that.') => new HttpError(401, 'not_signed_in', message);
export const forbidden = (message = 'You are not allowed to do that.', code: ErrorCode = 'forbidden') => new HttpError(403, code, message);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found.`);
export const conflict = <C extends ErrorCode>(code: C, message: string, details?: C extends keyof ErrorDetailsMap ? ErrorDetailsMap[C] : never) =>
  new HttpError(409, code, message, undefined, details);

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'not_signed_in',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function body(code: ErrorCode, message: string, field?: string, details?: object): ErrorBody {
  // Typed per code on the way in (ErrorDetailsMap); on the wire, details is a JSON object.
  return { error: { code, message, ...(field ? { field } : {}), ...(details ? { details: details as Record<string, unknown> } : {}) } };
}

/** JSON errors for everything: known errors keep their status, anything unexpected is a logged 500. */
export function registerErrorHandling(app: FastifyInstance): void {
  const refusals = new RefusalHold();
  app.setErrorHandler(async (error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      if (error.statusCode === 429) await holdRefusal(refusals, request, reply);
      if (error.details && 'retryAfter' in error.details) reply.header('retry-after', String(error.details.retryAfter));
      return reply.status(error.statusCode).send(body(error.code, error.message, error.field, error.details));
    }
    if (error.validation) {
      const first = error.validation[0];
      const field = first ? validationField(first.instancePath, first.params) : undefined;
      const where = error.validationContext ?? 'request';
      const message = field ? `${field}: ${first?.message ?? 'is invalid'}` : `Invalid ${where}: ${error.message}`;
      return reply.status(400).send(body('invalid_input', message, field));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(STATUS_CODES[status] ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Something went wrong on our side. Please try again.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('not_found', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });
}

/** Holds a 429 a moment when its address keeps being refused (see refusal-hold.ts). */
async function holdRefusal(refusals: RefusalHold, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const plan = refusals.plan(clientAddress(request));
  if (plan.closeConnection) reply.header('connection', 'close');
  if (plan.holdMs === 0) return;
  try {
    await sleep(plan.holdMs);
  } finally {
    plan.release();
  }
}

function validationField(instancePath: string, params: Record<string, unknown>): string | undefined {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  return [path, missing ?? extra].filter(Boolean).join('.') || undefined;
}
