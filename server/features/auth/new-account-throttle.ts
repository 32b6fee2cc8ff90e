import type { App } from '../../platform/fastify';
import { HttpError } from '../../platform/errors';
import { findUserById } from './users.repository';

/** The routes that post something others read: comments, proposals and their discussion. */
const POSTING_ROUTES = new Set(['/api/consultations/:c/sections/:s/comments', '/api/consultations/:c/sections/:s/proposals', '/api/proposals/:id/comments']);
const MAX_TRACKED = 100_000;

/**
 * Discourse's rule for brand-new accounts: wait between first posts. An account younger than
 * `newAccountHours` must leave `newAccountPostIntervalSeconds` between two posts (0 turns it off).
 * Older accounts are never held. Kept in memory, like the other rate limits.
 */
export async function registerNewAccountThrottle(app: App): Promise<void> {
  const { newAccountHours, newAccountPostIntervalSeconds: interval } = app.config;
  if (interval === 0) return;
  const lastPost = new Map<number, number>();
  const posting = (method: string, url: string | undefined) => method === 'POST' && url !== undefined && POSTING_ROUTES.has(url);

  app.addHook('preHandler', async (request) => {
    if (!request.user || !posting(request.method, request.routeOptions.url)) return;
    const previous = lastPost.get(request.user.id);
    if (previous === undefined) return;
    const wait = Math.ceil((previous + interval * 1000 - Date.now()) / 1000);
    if (wait <= 0) return;
    const account = await findUserById(app.db, request.user.id);
    if (!account || Date.now() - Date.parse(account.created_at) > newAccountHours * 3_600_000) return;
    throw new HttpError(429, 'rate_limited', `New accounts wait ${interval} seconds between posts. Try again in ${wait} seconds; your text is kept.`, undefined, { retryAfter: wait });
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!request.user || reply.statusCode >= 300 || !posting(request.method, request.routeOptions.url)) return;
    lastPost.delete(request.user.id);
    lastPost.set(request.user.id, Date.now());
    if (lastPost.size > MAX_TRACKED) lastPost.delete(lastPost.keys().next().value!);
  });
}
