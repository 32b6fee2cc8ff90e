import type { Theme, ThemeChange } from '../../contracts/analysis';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { visibleResponses } from '../comments/responses.service';
import { requireConsultation, requireSection } from '../consultations/consultations.service';
import { mayAnalyse } from './analysis.policy';
import { presentQuote } from './analysis.presenter';
import { changes, findResponse, logChange } from './analysis.repository';
import * as repo from './themes.repository';

const REPRESENTATIVES = 3;

/** The scope named by an optional section slug. */
async function scopeOf(db: Db, slug: string, section: string | undefined): Promise<{ consultationId: number; scope: repo.Scope }> {
  if (section === undefined) return { consultationId: (await requireConsultation(db, slug)).id, scope: { scope: 'consultation', scopeId: null } };
  const found = await requireSection(db, slug, section);
  return { consultationId: found.consultation.id, scope: { scope: 'section', scopeId: found.section.id } };
}

async function presentThemes(db: Db, slug: string, themes: readonly repo.ThemeRow[]): Promise<Theme[]> {
  const counts = await repo.themeKindCounts(db, themes.map((t) => t.id));
  const out: Theme[] = [];
  for (const t of themes) {
    const kinds: Record<string, number> = {};
    for (const c of counts.filter((c) => c.theme_id === t.id)) kinds[c.kind] = Number(c.n);
    const quotes = await visibleResponses(db, await repo.topResponses(db, t.id, REPRESENTATIVES));
    out.push({
      id: t.id,
      label: t.label,
      keyPhrases: JSON.parse(t.key_phrases) as string[],
      origin: t.origin,
      size: Object.values(kinds).reduce((a, b) => a + b, 0),
      kinds,
      representatives: quotes.map((q) => presentQuote(slug, q)),
      response: t.response_markdown,
    });
  }
  return out.sort((a, b) => b.size - a.size || a.id - b.id);
}

/** The themes of a scope, largest first, with counts by kind and representative responses. */
export async function listThemes(db: Db, user: CurrentUser | null, slug: string, section?: string): Promise<Theme[]> {
  enforce(mayAnalyse(user));
  const { consultationId, scope } = await scopeOf(db, slug, section);
  return presentThemes(db, slug, await repo.liveThemes(db, consultationId, scope));
}

async function requireTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number) {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const theme = await repo.findTheme(db, consultation.id, themeId);
  if (!theme) throw notFound('That theme');
  return { consultation, theme, actor: user! };
}

/** An analyst's own theme, in the consultation's scope or a section's. */
export async function createTheme(db: Db, user: CurrentUser | null, slug: string, label: string, section?: string): Promise<number> {
  enforce(mayAnalyse(user));
  const { consultationId, scope } = await scopeOf(db, slug, section);
  const at = now();
  return writeTransaction(db, async (trx) => {
    const id = await repo.insertTheme(trx, { consultation_id: consultationId, scope: scope.scope, scope_id: scope.scopeId, label, key_phrases: '[]', centroid: '{}', origin: 'analyst', response_markdown: null, created_at: at, updated_at: at, deleted_at: null });
    await logChange(trx, consultationId, user!.id, 'theme.create', { themeId: id, label }, at);
    return id;
  });
}

/** Renames a theme or sets the body's response to it. */
export async function editTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number, change: { label?: string; response?: string | null }): Promise<void> {
  const { consultation, theme, actor } = await requireTheme(db, user, slug, themeId);
  if (change.label === undefined && change.response === undefined) throw badRequest('Send a new label or a response.', 'label');
  const at = now();
  await writeTransaction(db, async (trx) => {
    await repo.updateTheme(trx, themeId, { ...(change.label === undefined ? {} : { label: change.label.trim() }), ...(change.response === undefined ? {} : { response_markdown: change.response }), updated_at: at });
    await logChange(trx, consultation.id, actor.id, change.label === undefined ? 'theme.respond' : 'theme.rename', { themeId, from: theme.label, ...change }, at);
  });
}

export async function deleteTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number): Promise<void> {
  const { consultation, theme, actor } = await requireTheme(db, user, slug, themeId);
  const at = now();
  await writeTransaction(db, async (trx) => {
    await repo.updateTheme(trx, themeId, { deleted_at: at, updated_at: at });
    await logChange(trx, consultation.id, actor.id, 'theme.delete', { themeId, label: theme.label }, at);
  });
}

/** Merges theme `themeId` into `intoId`: its responses move (as curated), it is deleted. */
export async function mergeTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number, intoId: number): Promise<void> {
  const { consultation, theme, actor } = await requireTheme(db, user, slug, themeId);
  const into = await repo.findTheme(db, consultation.id, intoId);
  if (!into || intoId === themeId) throw badRequest('Choose another theme to merge into.', 'into');
  const at = now();
  await writeTransaction(db, async (trx) => {
    await repo.moveAssignments(trx, themeId, intoId);
    await repo.updateTheme(trx, themeId, { deleted_at: at, updated_at: at });
    await logChange(trx, consultation.id, actor.id, 'theme.merge', { themeId, label: theme.label, into: intoId }, at);
  });
}

/** Puts a response into a theme (curated), taking it out of `fromId` when it is a move. */
export async function assignResponse(db: Db, user: CurrentUser | null, slug: string, themeId: number, commentId: number, fromId?: number): Promise<void> {
  const { consultation, actor } = await requireTheme(db, user, slug, themeId);
  const response = await findResponse(db, commentId);
  if (!response || response.consultation_id !== consultation.id) throw badRequest('That response has not been analysed in this consultation.', 'commentId');
  if (fromId !== undefined && !(await repo.findTheme(db, consultation.id, fromId))) throw badRequest('That theme was not found.', 'from');
  const at = now();
  await writeTransaction(db, async (trx) => {
    await repo.setAssignment(trx, { theme_id: themeId, comment_id: commentId, score: 1, state: 'curated' });
    if (fromId !== undefined && fromId !== themeId) await repo.setAssignment(trx, { theme_id: fromId, comment_id: commentId, score: 0, state: 'excluded' });
    await logChange(trx, consultation.id, actor.id, fromId === undefined ? 'theme.add_response' : 'theme.move_response', { themeId, commentId, from: fromId ?? null }, at);
  });
}

/** Takes a response out of a theme; later runs never suggest it there again. */
export async function removeResponse(db: Db, user: CurrentUser | null, slug: string, themeId: number, commentId: number): Promise<void> {
  const { consultation, actor } = await requireTheme(db, user, slug, themeId);
  await writeTransaction(db, async (trx) => {
    await repo.setAssignment(trx, { theme_id: themeId, comment_id: commentId, score: 0, state: 'excluded' });
    await logChange(trx, consultation.id, actor.id, 'theme.remove_response', { themeId, commentId }, now());
  });
}

/** Splits responses out of a theme into a new one of the analyst's. */
export async function splitTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number, label: string, commentIds: readonly number[]): Promise<number> {
  const { consultation, theme, actor } = await requireTheme(db, user, slug, themeId);
  const members = new Set(await repo.themeMembers(db, themeId));
  const stray = commentIds.find((id) => !members.has(id));
  if (stray !== undefined || commentIds.length === 0) throw badRequest('Choose responses that are in this theme.', 'commentIds');
  const at = now();
  return writeTransaction(db, async (trx) => {
    const id = await repo.insertTheme(trx, { consultation_id: consultation.id, scope: theme.scope, scope_id: theme.scope_id, label, key_phrases: '[]', centroid: '{}', origin: 'analyst', response_markdown: null, created_at: at, updated_at: at, deleted_at: null });
    for (const commentId of commentIds) {
      await repo.setAssignment(trx, { theme_id: id, comment_id: commentId, score: 1, state: 'curated' });
      await repo.setAssignment(trx, { theme_id: themeId, comment_id: commentId, score: 0, state: 'excluded' });
    }
    await logChange(trx, consultation.id, actor.id, 'theme.split', { themeId, into: id, label, responses: commentIds.length }, at);
    return id;
  });
}

/** Every analyst's change, newest first: who, when, what. */
export async function analysisChanges(db: Db, user: CurrentUser | null, slug: string): Promise<ThemeChange[]> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  return (await changes(db, consultation.id, 200)).map((c) => ({ id: c.id, action: c.action, detail: c.detail, actor: c.actor, createdAt: c.created_at }));
}
