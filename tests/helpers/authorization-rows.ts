import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { CommentsTable } from '../../server/db/schema';
import { hashToken } from '../../server/features/auth/sessions';
import type { App } from '../../server/platform/fastify';
import { runnerFor } from '../../server/features/analysis/analysis-runner';
import { type Actor, createActor } from './users';

// The rows' building blocks for tests/server/authorization-matrix.test.ts: who asks, what each
// row expects, and the things a row acts on, made afresh before each request.

export const WHO = ['anonymous', 'blocked', 'citizen', 'editor', 'moderator', 'admin'] as const;
export type Who = (typeof WHO)[number];
export type Statuses = Record<Who, number>;
export type Params = Record<string, string | number>;

/** What a row can refer to: a fresh app per route, with a consultation and a citizen in it. */
export interface Fixture {
  app: App;
  consultation: string;
  section: string;
  /** A signed-in citizen that requests act on or whose things they touch (password TEST_PASSWORD). */
  target: Actor;
}

export interface Row {
  /**
   * Path parameters, asked for before each request, so a row can create afresh what it acts on
   * (a comment to delete, say). `:c` and `:s` default to the fixture's consultation and section.
   */
  params?: (fixture: Fixture, who: Who) => Params | Promise<Params>;
  /** A valid body: the status then depends on who asks, not on what they sent. */
  body?: (fixture: Fixture, who: Who) => unknown;
  expect: Statuses;
}

export const everyone = (status: number): Statuses => ({ anonymous: status, blocked: status, citizen: status, editor: status, moderator: status, admin: status });
/** Signed out → 401; blocked → 403 whatever their role; otherwise only the roles given succeed. */
export const only = (roles: Exclude<Who, 'anonymous' | 'blocked'>[], status: number): Statuses => ({
  anonymous: 401,
  blocked: 403,
  citizen: roles.includes('citizen') ? status : 403,
  editor: roles.includes('editor') ? status : 403,
  moderator: roles.includes('moderator') ? status : 403,
  admin: status, // admins hold every role's powers
});
export const targetUser = (fixture: Fixture) => ({ id: fixture.target.id });
export const signedIn = (status: number): Statuses => only(['citizen', 'editor', 'moderator'], status);
export const proposerOnly: Statuses = { anonymous: 401, blocked: 403, citizen: 403, editor: 403, moderator: 403, admin: 403 };

/** The section revision a merge must name, remembered by `openProposal` for the row's body. */
export const reviewedRevision = new WeakMap<Fixture, number>();
/** A fresh open proposal by the fixture's citizen on the section's current text. */
export async function openProposal(fixture: Fixture): Promise<Params> {
  const url = `/api/consultations/${fixture.consultation}/sections/${fixture.section}`;
  const { revision } = (await fixture.app.inject(url)).json().section;
  const payload = { baseRevision: revision.number, markdown: `${revision.markdown}\nOne more paragraph.\n`, summary: 'Adds a paragraph' };
  const response = await fixture.target.inject({ method: 'POST', url: `${url}/proposals`, payload });
  reviewedRevision.set(fixture, revision.number);
  return { id: response.json().proposal.id };
}

/** A fresh comment by the fixture's citizen (its author, so nobody in the table). */
export async function targetComment(fixture: Fixture, who: Who): Promise<Params> {
  const url = `/api/consultations/${fixture.consultation}/sections/${fixture.section}/comments`;
  const response = await fixture.target.inject({ method: 'POST', url, payload: { kind: 'question', body: `A question before ${who} acts` } });
  return { id: response.json().comment.id };
}
export const authorOnly: Statuses = { anonymous: 401, blocked: 403, citizen: 403, editor: 403, moderator: 403, admin: 403 };

/** The section's current revision, remembered by `currentRevision` for the row's body. */
export const sectionRevision = new WeakMap<Fixture, { number: number; markdown: string }>();
export async function currentRevision(fixture: Fixture): Promise<Params> {
  const { revision } = (await fixture.app.inject(`/api/consultations/${fixture.consultation}/sections/${fixture.section}`)).json().section;
  sectionRevision.set(fixture, revision);
  return {};
}
/** An editor outside the table publishes a new revision; returns its number. */
export async function publishChange(fixture: Fixture, who: Who): Promise<number> {
  await currentRevision(fixture);
  const { number, markdown } = sectionRevision.get(fixture)!;
  const editor = await createActor(fixture.app, 'editor');
  const url = `/api/consultations/${fixture.consultation}/sections/${fixture.section}/revisions`;
  const response = await editor.inject({ method: 'POST', url, payload: { baseRevision: number, markdown: `${markdown}\nA change before ${who} acts.\n`, summary: 'A change' } });
  return response.json().revision.number;
}
/** A fresh comment by the fixture's citizen with a revision published after it, remembered for the body. */
export const laterRevision = new WeakMap<Fixture, number>();
export async function commentThenRevision(fixture: Fixture, who: Who): Promise<Params> {
  const params = await targetComment(fixture, who);
  laterRevision.set(fixture, await publishChange(fixture, who));
  return params;
}

/** A fresh comment by the fixture's citizen, changed straight in the database (hidden, say). */
export async function commentWith(fixture: Fixture, who: Who, values: Updateable<CommentsTable>): Promise<Params> {
  const params = await targetComment(fixture, who);
  await fixture.app.db.updateTable('comments').set(values).where('id', '=', Number(params.id)).execute();
  return params;
}
export const hiddenComment = (fixture: Fixture, who: Who) => commentWith(fixture, who, { status: 'hidden', hidden_reason: 'spam' });
export const closedThread = (fixture: Fixture, who: Who) => commentWith(fixture, who, { closed_at: new Date().toISOString(), closed_note: 'Closed' });
/** A fresh open proposal set to a moderation state (`pending`, `hidden`) before each request. */
export const proposalIn = (moderation: 'visible' | 'pending' | 'hidden', reports = 0) => async (fixture: Fixture): Promise<Params> => {
  const params = await openProposal(fixture);
  await fixture.app.db.updateTable('proposals').set({ moderation, report_count: reports, hidden_reason: moderation === 'hidden' ? 'spam' : null }).where('id', '=', Number(params.id)).execute();
  return params;
};
/** A fresh comment by the fixture's citizen on a fresh proposal, in a moderation state. */
export const proposalCommentIn = (moderation: 'visible' | 'pending' | 'hidden', reports = 0) => async (fixture: Fixture): Promise<Params> => {
  const { id: proposalId } = await openProposal(fixture);
  const response = await fixture.target.inject({ method: 'POST', url: `/api/proposals/${proposalId}/comments`, payload: { body: 'A view on it.' } });
  const id = response.json().comment.id as number;
  await fixture.app.db.updateTable('proposal_comments').set({ moderation, report_count: reports, hidden_reason: moderation === 'hidden' ? 'spam' : null }).where('id', '=', id).execute();
  return { id };
};

/** The section's comments closed or open before each request. */
export const sectionComments = (closed: boolean) => async (fixture: Fixture): Promise<Params> => {
  await fixture.app.db.updateTable('sections').set({ comments_closed_at: closed ? new Date().toISOString() : null, comments_closed_note: closed ? 'Closed' : null }).execute();
  return {};
};
/** Bulk actions name their comments in the body: a fresh one per request. */
export const bulkComment = new WeakMap<Fixture, number>();
export async function commentForBulk(fixture: Fixture, who: Who): Promise<Params> {
  bulkComment.set(fixture, Number((await targetComment(fixture, who)).id));
  return {};
}

/** A fresh comment by the fixture's citizen on the first words of the section's first passage (for the anchor review rows). */
export async function anchoredComment(fixture: Fixture, who: Who): Promise<Params> {
  const base = `/api/consultations/${fixture.consultation}/sections/${fixture.section}`;
  const [block] = (await fixture.app.inject(base)).json().section.revision.blocks;
  const anchor = { blockId: block.id, exact: block.text.slice(0, 5), start: 0, end: 5 };
  const response = await fixture.target.inject({ method: 'POST', url: `${base}/comments`, payload: { kind: 'question', body: `On a passage before ${who} acts`, anchor } });
  return { id: response.json().comment.id };
}
export const repointTo = new WeakMap<Fixture, { blockId: string; start: number; end: number }>();
export async function anchoredCommentAndPassage(fixture: Fixture, who: Who): Promise<Params> {
  const params = await anchoredComment(fixture, who);
  const [block] = (await fixture.app.inject(`/api/consultations/${fixture.consultation}/sections/${fixture.section}`)).json().section.revision.blocks;
  repointTo.set(fixture, { blockId: block.id, start: 1, end: 4 });
  return params;
}

/** A fresh section, added by an editor outside the table, for a row that retires it. */
export async function freshSection(fixture: Fixture, who: Who): Promise<Params> {
  const editor = await createActor(fixture.app, 'editor');
  const slug = `to-retire-${who}`;
  await editor.inject({ method: 'POST', url: `/api/consultations/${fixture.consultation}/sections`, payload: { title: `To retire (${who})`, slug, markdown: 'Text.' } });
  return { s: slug };
}
/** The consultation closed before each request, so its outcome may be published. */
export async function closedConsultation(fixture: Fixture): Promise<Params> {
  await fixture.app.db.updateTable('consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).execute();
  return {};
}

/** Analysis (issue 19): a theme, an analysed response and a campaign made directly, fresh for each request. */
export const analysisTarget = new WeakMap<Fixture, { theme: number; other: number; commentId: number; campaign: number }>();
export async function analysed(fixture: Fixture, who: Who): Promise<Params> {
  const db = fixture.app.db;
  const { id: commentId } = (await targetComment(fixture, who)) as { id: number };
  const { id: consultationId } = await db.selectFrom('consultations').select('id').where('slug', '=', fixture.consultation).executeTakeFirstOrThrow();
  const { section_id } = await db.selectFrom('comments').select('section_id').where('id', '=', commentId).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const theme = async (label: string) =>
    (await db.insertInto('analysis_themes').values({ consultation_id: consultationId, scope: 'consultation', scope_id: null, label, key_phrases: '[]', centroid: '{}', origin: 'analyst', response_markdown: null, created_at: at, updated_at: at, deleted_at: null }).returning('id').executeTakeFirstOrThrow()).id;
  const campaign = (await db.insertInto('analysis_campaigns').values({ consultation_id: consultationId, representative_id: commentId, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  const other = (await db.insertInto('analysis_campaigns').values({ consultation_id: consultationId, representative_id: commentId, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  // The comment was placed (on its own) when it was posted: put it in the campaign.
  await db
    .insertInto('analysis_responses')
    .values({ comment_id: commentId, consultation_id: consultationId, section_id, kind: 'question', campaign_id: campaign })
    .onConflict((oc) => oc.column('comment_id').doUpdateSet({ campaign_id: campaign }))
    .execute();
  const ids = { theme: await theme(`Theme for ${who}`), other: await theme(`Other for ${who}`), commentId, campaign };
  await db.insertInto('analysis_theme_assignments').values({ theme_id: ids.theme, comment_id: commentId, score: 1, state: 'proposed' }).execute();
  analysisTarget.set(fixture, ids);
  otherCampaign.set(fixture, other);
  return { id: ids.theme, commentId };
}
export const otherCampaign = new WeakMap<Fixture, number>();
export async function analysedCampaign(fixture: Fixture, who: Who): Promise<Params> {
  await analysed(fixture, who);
  return { id: analysisTarget.get(fixture)!.campaign };
}
/** No analysis of the consultation is running (each request queues one that must finish before the next). */
export async function noAnalysisRunning(fixture: Fixture): Promise<Params> {
  await runnerFor(fixture.app.db).idle();
  return {};
}
export const analysts = only(['editor', 'moderator'], 204);
/** A fresh emailed link token for the fixture's citizen (as the email would carry it), remembered for the body. */
export const linkToken = new WeakMap<Fixture, string>();
export const emailedLink = (purpose: 'reset_password' | 'verify_email') => async (fixture: Fixture): Promise<Params> => {
  const token = randomBytes(32).toString('base64url');
  const at = new Date();
  await fixture.app.db
    .insertInto('account_tokens')
    .values({ token_hash: hashToken(token), user_id: fixture.target.id, purpose, email: 'target@example.org', created_at: at.toISOString(), expires_at: new Date(at.getTime() + 3_600_000).toISOString() })
    .execute();
  linkToken.set(fixture, token);
  return {};
};
/** Signed in is enough for one's own account, even blocked. */
export const ownAccount = (status: number): Statuses => ({ ...everyone(status), anonymous: 401 });
/** A fresh question on the fixture's section, added by an editor outside the table; remembered for the row's body. */
export const freshQuestion = new WeakMap<Fixture, number>();
export async function questionOnSection(fixture: Fixture, who: Who): Promise<Params> {
  const editor = await createActor(fixture.app, 'editor');
  const url = `/api/consultations/${fixture.consultation}/questions`;
  const response = await editor.inject({ method: 'POST', url, payload: { section: fixture.section, text: `A question before ${who} acts` } });
  freshQuestion.set(fixture, response.json().question.id);
  return { id: response.json().question.id };
}
export const allQuestionIds = async (fixture: Fixture) =>
  ((await fixture.app.inject(`/api/consultations/${fixture.consultation}/questions`)).json().questions as { id: number }[]).map((q) => q.id);
export const questionOrder = new WeakMap<Fixture, number[]>();

/** A fresh suggestion by the fixture's citizen on the first words of a block of the current text: sent (open) or kept in their basket. */
export const suggestionIds = new WeakMap<Fixture, { id: number; revision: number }>();
export const suggestionsMade = new WeakMap<Fixture, number>();
export const suggestion = (send: boolean) => async (fixture: Fixture): Promise<Params> => {
  const url = `/api/consultations/${fixture.consultation}/sections/${fixture.section}`;
  const { revision } = (await fixture.app.inject(url)).json().section;
  // A block of its own each time: passages in one person's basket may not overlap.
  const block = suggestionsMade.get(fixture) ?? 0;
  suggestionsMade.set(fixture, block + 1);
  const payload = { baseRevision: revision.number, block, start: 0, end: 3, replacement: 'New', reason: 'Clearer', send };
  const response = await fixture.target.inject({ method: 'POST', url: `${url}/suggestions`, payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  const id = response.json().suggestion.id as number;
  suggestionIds.set(fixture, { id, revision: revision.number });
  return { id };
};
export const suggestionDecision = (fixture: Fixture) => ({ ids: [suggestionIds.get(fixture)!.id], currentRevision: suggestionIds.get(fixture)!.revision });
