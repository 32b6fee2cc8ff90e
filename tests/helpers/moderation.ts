import type { CommentView } from '../../server/contracts/comments';
import type { LogEntry, ModerationQueue, ReportReason } from '../../server/contracts/moderation';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from './comments';
import { createActor } from './users';
import type { Actor } from './users';
import { withMyMarks } from '../../client/features/comments/my-marks';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `actor` reports comment `id`; returns the raw response. */
export function report(actor: Actor, id: number, reason: ReportReason = 'spam', note?: string) {
  return actor.inject({ method: 'POST', url: `/api/comments/${id}/report`, payload: { reason, ...(note === undefined ? {} : { note }) } });
}

/** A moderator's action on one comment (`hide`, `restore`, `close`, `reopen`); returns the raw response. */
export function act(actor: Actor, id: number, action: 'hide' | 'restore' | 'close' | 'reopen', payload?: Record<string, unknown>) {
  return actor.inject({ method: 'POST', url: `/api/comments/${id}/${action}`, ...(payload ? { payload } : {}) });
}

export async function hideOk(actor: Actor, id: number, reason = 'spam'): Promise<CommentView> {
  const response = await act(actor, id, 'hide', { reason });
  if (response.statusCode !== 200) throw new Error(`expected 200, got ${response.statusCode}: ${response.body}`);
  return response.json().comment;
}

export function bulk(actor: Actor, commentIds: number[], action: string, reason?: string) {
  return actor.inject({ method: 'POST', url: '/api/moderation/actions', payload: { commentIds, action, ...(reason === undefined ? {} : { reason }) } });
}

export async function queueOf(actor: Actor): Promise<ModerationQueue> {
  return (await actor.inject({ method: 'GET', url: '/api/moderation/queue' })).json();
}

/** The public log as an anonymous visitor reads it. */
export async function publicLog(app: App): Promise<LogEntry[]> {
  return (await app.inject('/api/moderation/log')).json().entries;
}

/** The comment as `actor` (or an anonymous visitor) finds it in the section's list, if at all. */
export async function listedAs(app: App, id: number, actor?: Actor): Promise<CommentView | undefined> {
  const response = actor ? await actor.inject({ method: 'GET', url: COMMENTS_URL }) : await app.inject(COMMENTS_URL);
  return withMyMarks(response.json()).comments.find((c) => c.id === id);
}

/**
 * Makes `actor` a reporter whose reports count in full: an account over a day old with a published
 * comment (in the default test section) over a day old. Fresh accounts' reports count half.
 */
export async function establish(app: App, actor: Actor): Promise<Actor> {
  const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS).toISOString();
  const { id } = await postOk(actor, { body: `Earlier thoughts of ${actor.username}` });
  await app.db.updateTable('comments').set({ created_at: twoDaysAgo }).where('id', '=', id).execute();
  await app.db.updateTable('users').set({ created_at: twoDaysAgo }).where('id', '=', actor.id).execute();
  return actor;
}

/** `n` citizens whose reports count in full (see `establish`). */
export async function establishedCitizens(app: App, n: number): Promise<Actor[]> {
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) actors.push(await establish(app, await createActor(app)));
  return actors;
}
