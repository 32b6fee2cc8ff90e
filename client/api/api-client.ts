import type { ErrorBody } from '../../server/contracts/errors';

/** An API error as the server sent it: status, machine code, human message, offending field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What to tell the person about a failed request (a network failure included). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Let the request finish after the page is closed (a last autosave). */
  keepalive?: boolean;
}

// The CSRF token belongs to the session; it is fetched lazily and forgotten when the session changes.
let csrfToken: Promise<string | null> | undefined;

export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

async function currentCsrfToken(): Promise<string | null> {
  csrfToken ??= send<{ token: string | null }>('/api/auth/csrf', { method: 'GET' }, null).then(
    (r) => r.token,
    (error) => {
      csrfToken = undefined;
      throw error;
    },
  );
  return csrfToken;
}

/**
 * JSON over fetch with the session cookie. State-changing requests carry the CSRF token
 * (refreshed and retried once if the session changed). Every failure becomes an ApiError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  if (method === 'GET') return send<T>(path, options, null);
  try {
    return await send<T>(path, options, await currentCsrfToken());
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf')) throw error;
    forgetCsrfToken();
    return send<T>(path, options, await currentCsrfToken());
  }
}

async function send<T>(path: string, options: RequestOptions, csrf: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'offline', 'Could not reach the server. Check your connection and try again.');
  }
  const payload = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.field, error?.details);
  }
  return payload as T;
}
