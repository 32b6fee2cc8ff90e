import type { CommentCounts } from '../../contracts/comments';
import type { FieldError } from '../../contracts/errors';
import type { NotThemed, OutcomeDraft, OutcomeTheme, ThemeOutcomeBody, ThemeRevision } from '../../contracts/outcome-themes';
import type { Db } from '../../db/database';
import type { ConsultationRow } from '../../db/schema';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { refuseCostlyMarkdown } from '../../markdown/limits';
import { renderMarkdown } from '../../markdown/render';
import { enforce } from '../../platform/decisions';
import { badRequest, notFound } from '../../platform/errors';
import { refuseInvalidCharacters } from '../../platform/text';
import type { CurrentUser } from '../auth/current-user';
import { emptyCounts } from '../comments/comments.service';
import { visibleResponseKinds, visibleResponses } from '../comments/responses.service';
import { allSectionsOf, requireConsultation } from '../consultations/consultations.service';
import { revisionsPublishedSince } from '../revisions/revisions.service';
import { mayAnalyse } from './analysis.policy';
import { presentQuote } from './analysis.presenter';
import { logChange } from './analysis.repository';
import * as repo from './outcome-themes.repository';
import { findTheme, type ThemeRow, updateTheme } from './themes.repository';

// "You said, we did" (issue 19, point 4). Only responses anyone may read count: a hidden, pending
// or deleted response is never quoted, counted or asked about, whatever theme it was put in.

const QUOTES = 3;
/** Responses shown by name in a list ("not themed", "in no theme"); the rest are counted. */
const LISTED = 100;

type Consultation = Pick<ConsultationRow, 'id' | 'slug' | 'opens_at'>;

interface Coverage {
  themes: ThemeRow[];
  /** Theme id → its readable members, best representatives first. */
  members: Map<number, number[]>;
  /** Readable response id → its kind. */
  kinds: Map<number, string>;
  /** Readable responses an editor listed as not themed and that are in no theme. */
  notThemed: number[];
  /** Readable responses in no theme and not listed: publishing waits for these. */
  unsorted: number[];
}

async function coverage(db: Db, consultationId: number): Promise<Coverage> {
  const [themes, responses, listed] = await Promise.all([repo.consultationThemes(db, consultationId), visibleResponseKinds(db, consultationId), repo.notThemedIds(db, consultationId)]);
  const kinds = new Map(responses.map((r) => [r.id, r.kind]));
  const members = new Map<number, number[]>(themes.map((t) => [t.id, []]));
  for (const m of await repo.rankedMembers(db, themes.map((t) => t.id))) if (kinds.has(m.comment_id)) members.get(m.theme_id)!.push(m.comment_id);
  const themed = new Set([...members.values()].flat());
  const listedSet = new Set(listed);
  const free = responses.map((r) => r.id).filter((id) => !themed.has(id));
  return { themes, members, kinds, notThemed: free.filter((id) => listedSet.has(id)), unsorted: free.filter((id) => !listedSet.has(id)) };
}

function countKinds(ids: readonly number[], kinds: Map<number, string>): CommentCounts {
  const counts = emptyCounts();
  for (const id of ids) {
    counts[kinds.get(id) as keyof CommentCounts] += 1;
    counts.total += 1;
  }
  return counts;
}

/** The responses among `ids`, as quotes in the order given. */
async function quotes(db: Db, slug: string, ids: readonly number[]) {
  const found = new Map((await visibleResponses(db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => (found.has(id) ? [presentQuote(slug, found.get(id)!)] : []));
}

/** Versions published since the consultation opened: the ones a theme can be linked to. */
async function revisionChoices(db: Db, consultation: Consultation): Promise<{ revisions: ThemeRevision[]; sectionTitles: Map<number, string> }> {
  const sections = await allSectionsOf(db, consultation.id);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const revisions = (await revisionsPublishedSince(db, [...byId.keys()], consultation.opens_at)).map((r) => ({
    id: r.id,
    section: byId.get(r.section_id)!.slug,
    sectionTitle: byId.get(r.section_id)!.title,
    number: r.number,
    summary: r.summary,
  }));
  return { revisions, sectionTitles: new Map(sections.map((s) => [s.id, s.title])) };
}

/** What people said in each theme, with the response and linked versions; largest theme first. */
async function themeViews(db: Db, consultation: Consultation, cov: Coverage) {
  const { revisions, sectionTitles } = await revisionChoices(db, consultation);
  const revisionById = new Map(revisions.map((r) => [r.id, r]));
  const links = await repo.linkedRevisions(db, cov.themes.map((t) => t.id));
  const views = [];
  for (const theme of cov.themes) {
    const members = cov.members.get(theme.id)!;
    views.push({
      id: theme.id,
      label: theme.label,
      section: theme.scope_id === null ? null : sectionTitles.get(theme.scope_id) ?? null,
      size: members.length,
      kinds: countKinds(members, cov.kinds),
      representatives: await quotes(db, consultation.slug, members.slice(0, QUOTES)),
      response: theme.response_markdown,
      revisions: links.filter((l) => l.theme_id === theme.id && revisionById.has(l.revision_id)).map((l) => revisionById.get(l.revision_id)!),
    });
  }
  return { themes: views.sort((a, b) => b.size - a.size || a.id - b.id), revisions };
}

async function listed(db: Db, slug: string, ids: readonly number[]) {
  return { total: ids.length, responses: await quotes(db, slug, ids.slice(0, LISTED)) };
}

/** The outcome page's part by theme. No access check: the outcome page calls it once the outcome is published. */
export async function outcomeThemes(db: Db, consultation: Consultation): Promise<{ themes: OutcomeTheme[]; notThemed: NotThemed }> {
  const cov = await coverage(db, consultation.id);
  const { themes } = await themeViews(db, consultation, cov);
  return {
    themes: themes.map(({ response, ...theme }) => ({ ...theme, responseHtml: renderMarkdown(response ?? '') })),
    notThemed: await listed(db, consultation.slug, cov.notThemed),
  };
}

/** What the outcome editor shows: each theme with its response so far, the versions to link, and the responses still to sort. */
export async function outcomeDraft(db: Db, user: CurrentUser | null, slug: string): Promise<OutcomeDraft> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const cov = await coverage(db, consultation.id);
  const { themes, revisions } = await themeViews(db, consultation, cov);
  return {
    themes: themes.map(({ revisions: linked, ...theme }) => ({ ...theme, revisionIds: linked.map((r) => r.id) })),
    revisions,
    unsorted: await listed(db, slug, cov.unsorted),
    notThemed: await listed(db, slug, cov.notThemed),
  };
}

/**
 * What stops the outcome being published, as form errors: a theme with no response, and responses
 * in no theme that no editor listed as not themed. None when the consultation has no themes (no
 * analysis was run): a plain outcome is published as before.
 */
export async function outcomeProblems(db: Db, consultationId: number): Promise<FieldError[]> {
  const cov = await coverage(db, consultationId);
  if (cov.themes.length === 0) return [];
  const problems: FieldError[] = cov.themes
    .filter((t) => (t.response_markdown ?? '').trim() === '')
    .map((t) => ({ field: `theme-${t.id}-response`, code: 'invalid_input', message: `Write the response to the theme “${t.label}”.` }));
  const n = cov.unsorted.length;
  if (n > 0) {
    const examples = cov.unsorted.slice(0, 5).map((id) => `#${id}`).join(', ');
    problems.push({ field: 'unsorted', code: 'invalid_input', message: `${n === 1 ? '1 response is' : `${n} responses are`} in no theme (${examples}${n > 5 ? ', …' : ''}): put each in a theme or list it as not themed.` });
  }
  return problems;
}

/** Sets the body's response to a theme and the versions that changed because of it. */
export async function respondToTheme(db: Db, user: CurrentUser | null, slug: string, themeId: number, body: ThemeOutcomeBody): Promise<void> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const theme = await findTheme(db, consultation.id, themeId);
  if (!theme) throw notFound('That theme');
  const response = body.response.trim();
  if (response === '') throw badRequest('Enter the response to this theme.', 'response');
  refuseInvalidCharacters(response, 'response');
  refuseCostlyMarkdown(response, 'response');
  const revisionIds = [...new Set(body.revisionIds)];
  const { revisions } = await revisionChoices(db, consultation);
  const choices = new Set(revisions.map((r) => r.id));
  if (revisionIds.some((id) => !choices.has(id))) throw badRequest('Choose versions of this consultation published since it opened.', 'revisionIds');
  const at = now();
  await writeTransaction(db, async (trx) => {
    await updateTheme(trx, themeId, { response_markdown: response, updated_at: at });
    await repo.replaceLinkedRevisions(trx, themeId, revisionIds);
    await logChange(trx, consultation.id, user!.id, 'theme.respond', { themeId, label: theme.label, revisionIds }, at);
  });
}

/** Lists responses as "not themed" on the outcome; without ids, every readable response that is in no theme. */
export async function listAsNotThemed(db: Db, user: CurrentUser | null, slug: string, commentIds?: readonly number[]): Promise<number> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const cov = await coverage(db, consultation.id);
  if (commentIds?.some((id) => !cov.kinds.has(id))) throw badRequest('Choose responses of this consultation that anyone may read.', 'commentIds');
  const ids = [...new Set(commentIds ?? cov.unsorted)];
  const at = now();
  await writeTransaction(db, async (trx) => {
    await repo.markNotThemed(trx, consultation.id, ids, user!.id, at);
    await logChange(trx, consultation.id, user!.id, 'outcome.not_themed', { responses: ids.length }, at);
  });
  return ids.length;
}
