import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createConsultation } from '../helpers/factories';
import { routePaths } from '../helpers/routes';
import { buildSuiteApp, buildTestApp } from '../helpers/test-app';
import { createActor, TEST_PASSWORD } from '../helpers/users';
import { allQuestionIds, analysed, analysedCampaign, analysisTarget, analysts, anchoredComment, anchoredCommentAndPassage, authorOnly, bulkComment, closedConsultation, closedThread, commentForBulk, commentThenRevision, currentRevision, emailedLink, everyone, type Fixture, freshQuestion, freshSection, hiddenComment, laterRevision, linkToken, noAnalysisRunning, only, openProposal, otherCampaign, ownAccount, type Params, proposalCommentIn, proposalIn, proposerOnly, publishChange, questionOnSection, questionOrder, repointTo, reviewedRevision, type Row, sectionComments, sectionRevision, signedIn, type Statuses, suggestion, suggestionDecision, suggestionIds, targetComment, targetUser, WHO } from '../helpers/authorization-rows';

/**
 * Every state-changing API endpoint × every kind of user → the exact status expected.
 * The routes come from the real app's route table, so a new endpoint without a row here fails
 * this test: add its row to MATRIX below.
 */


const MATRIX: Record<string, Row> = {
  // Blocking is per account: anyone may sign in, register or sign out (a blocked person could
  // always sign out first), and a blocked account stays read-only once signed in.
  'POST /api/auth/register': {
    body: (_fixture, who) => ({ username: `new-${who}`, displayName: 'A new person', password: 'plum orchard lantern 42' }),
    expect: everyone(201),
  },
  'POST /api/auth/login': { body: (fixture) => ({ username: fixture.target.username, password: TEST_PASSWORD }), expect: everyone(200) },
  'POST /api/auth/logout': { expect: everyone(204) },
  'POST /api/auth/password-reset': { body: () => ({ email: 'someone@example.org' }), expect: everyone(202) },
  'POST /api/auth/password-reset/confirm': { params: emailedLink('reset_password'), body: (fixture) => ({ token: linkToken.get(fixture), password: 'quince meadow lighthouse 7' }), expect: everyone(204) },
  'POST /api/auth/verify-email': { params: emailedLink('verify_email'), body: (fixture) => ({ token: linkToken.get(fixture) }), expect: everyone(204) },
  'POST /api/account/password': { body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'quince meadow lighthouse 7' }), expect: ownAccount(204) },
  'POST /api/account/email': { body: () => ({ email: 'new@example.org', currentPassword: TEST_PASSWORD }), expect: ownAccount(202) },
  // The actors have no address to confirm: past the authorization check, a 400 naming the field.
  'POST /api/account/email/verify': { expect: ownAccount(400) },
  'POST /api/account/sign-out-everywhere': { expect: ownAccount(204) },
  'POST /api/account/delete': { body: () => ({ currentPassword: TEST_PASSWORD, removeComments: false }), expect: ownAccount(204) },

  'POST /api/notifications/read': { body: () => ({}), expect: ownAccount(200) },
  'PUT /api/notifications/preferences': { body: () => ({ preferences: [{ kind: 'comment_reply', delivery: 'daily' }] }), expect: ownAccount(200) },
  // No sign-in: the signed token in the query is the authority (here there is none, so 400 for all).
  'POST /api/notifications/unsubscribe': { expect: everyone(400) },
  'PUT /api/follows/sections/:c/:s': { expect: signedIn(200) },
  'DELETE /api/follows/sections/:c/:s': { expect: signedIn(200) },
  'PUT /api/follows/comments/:id': { params: targetComment, expect: signedIn(200) },
  'DELETE /api/follows/comments/:id': { params: targetComment, expect: signedIn(200) },

  'POST /api/users/:id/role': { params: targetUser, body: () => ({ role: 'editor' }), expect: only(['admin'], 200) },
  'POST /api/users/:id/block': { params: targetUser, body: () => ({ reason: 'Posting the same advert in every thread' }), expect: only(['admin'], 200) },
  'POST /api/users/:id/unblock': { params: targetUser, expect: only(['admin'], 200) },

  // Proposals: previews, drafts, proposing and discussing are for anyone signed in; only the
  // proposer (the fixture's citizen here, so nobody in the table) revises or withdraws.
  'POST /api/markdown/preview': { body: () => ({ markdown: '**Bold** text' }), expect: signedIn(200) },
  'PUT /api/consultations/:c/sections/:s/proposals/draft': { body: () => ({ baseRevision: 1, markdown: 'A draft.', summary: '' }), expect: signedIn(200) },
  'POST /api/consultations/:c/sections/:s/proposals': { body: () => ({ baseRevision: 1, markdown: 'A new text.', summary: 'Shorter' }), expect: signedIn(201) },
  'PATCH /api/proposals/:id': { params: openProposal, body: () => ({ markdown: 'Revised text.', summary: 'Revised' }), expect: proposerOnly },
  'POST /api/proposals/:id/withdraw': { params: openProposal, expect: proposerOnly },
  'POST /api/consultations/:c/sections/:s/suggestions': { body: () => ({ baseRevision: 1, block: 0, start: 0, end: 10, replacement: 'Software', reason: 'Clearer' }), expect: signedIn(201) },
  // Nobody in the table has a basket: once allowed to act, each is told it is empty.
  'POST /api/consultations/:c/sections/:s/suggestions/basket/send': { body: () => ({}), expect: { anonymous: 401, blocked: 403, citizen: 409, editor: 409, moderator: 409, admin: 409 } },
  // A suggestion still in its author's basket is theirs alone: to anyone else it does not exist.
  'DELETE /api/suggestions/:id': { params: suggestion(false), expect: everyone(404) },
  'POST /api/suggestions/:id/support': { params: suggestion(true), expect: signedIn(200) },
  'DELETE /api/suggestions/:id/support': { params: suggestion(true), expect: signedIn(200) },
  'POST /api/consultations/:c/sections/:s/suggestions/accept': { params: suggestion(true), body: suggestionDecision, expect: only(['editor'], 200) },
  'POST /api/consultations/:c/sections/:s/suggestions/reject': { params: suggestion(true), body: (fixture) => ({ ids: [suggestionIds.get(fixture)!.id], reason: 'Not now' }), expect: only(['editor'], 200) },
  'POST /api/proposals/:id/merge': { params: openProposal, body: (fixture) => ({ currentRevision: reviewedRevision.get(fixture) }), expect: only(['editor'], 200) },
  'POST /api/proposals/:id/reject': { params: openProposal, body: () => ({ reason: 'Out of scope' }), expect: only(['editor'], 200) },
  'POST /api/proposals/:id/comments': { params: openProposal, body: () => ({ body: 'I agree.' }), expect: signedIn(201) },

  // Comments on sections: anyone signed in comments and endorses others' comments; only the
  // author (the fixture's citizen) edits or deletes.
  'POST /api/consultations/:c/sections/:s/comments': { body: (_fixture, who) => ({ kind: 'support', body: `Support from ${who}` }), expect: signedIn(201) },
  'PATCH /api/comments/:id': { params: targetComment, body: () => ({ body: 'Edited by someone else' }), expect: authorOnly },
  'DELETE /api/comments/:id': { params: targetComment, expect: authorOnly },
  'POST /api/comments/:id/endorse': { params: targetComment, expect: signedIn(200) },
  'DELETE /api/comments/:id/endorse': { params: targetComment, expect: signedIn(200) },

  // Revisions: only editors edit a section directly, revert, lock and unlock it, and mark a
  // comment as addressed by a later revision.
  'POST /api/consultations/:c/sections/:s/revisions': {
    params: currentRevision,
    body: (fixture, who) => {
      const { number, markdown } = sectionRevision.get(fixture)!;
      return { baseRevision: number, markdown: `${markdown}\nA line from ${who}.\n`, summary: 'One more line' };
    },
    expect: only(['editor'], 201),
  },
  'POST /api/consultations/:c/sections/:s/revisions/:n/revert': { params: async (fixture, who) => ({ n: (await publishChange(fixture, who)) - 1 }), expect: only(['editor'], 201) },
  'POST /api/consultations/:c/sections/:s/lock': { body: () => ({ reason: 'Final wording agreed' }), expect: only(['editor'], 200) },
  'POST /api/consultations/:c/sections/:s/unlock': { expect: only(['editor'], 200) },
  'POST /api/comments/:id/addressed': { params: commentThenRevision, body: (fixture) => ({ revision: laterRevision.get(fixture) }), expect: only(['editor'], 200) },
  // Checking where re-anchoring placed a comment: editors confirm, orphan or re-point it.
  'POST /api/comments/:id/anchor/confirm': { params: anchoredComment, expect: only(['editor'], 200) },
  'POST /api/comments/:id/anchor/orphan': { params: anchoredComment, expect: only(['editor'], 200) },
  'POST /api/comments/:id/anchor/repoint': { params: anchoredCommentAndPassage, body: (fixture) => repointTo.get(fixture), expect: only(['editor'], 200) },

  // Running a consultation: admins create one; editors change its summary and closing date, its
  // sections and its outcome.
  'POST /api/consultations': {
    body: (_fixture, who) => ({ title: 'New', slug: `new-${who}`, summary: 'New.', opensAt: '2030-01-01T09:00Z', closesAt: '2030-02-01T09:00Z' }),
    expect: only(['admin'], 201),
  },
  'PATCH /api/consultations/:c': { body: (_fixture, who) => ({ summary: `Summary by ${who}` }), expect: only(['editor'], 200) },
  'PUT /api/consultations/:c/outcome': { params: closedConsultation, body: () => ({ markdown: 'What we did.' }), expect: only(['editor'], 200) },
  'POST /api/consultations/:c/sections': { body: (_fixture, who) => ({ title: 'Added', slug: `added-${who}`, markdown: 'Text.' }), expect: only(['editor'], 201) },
  'PATCH /api/consultations/:c/sections/:s': { body: (_fixture, who) => ({ title: `Title by ${who}` }), expect: only(['editor'], 204) },
  'PUT /api/consultations/:c/section-order': { body: () => ({ sections: ['governance'] }), expect: only(['editor'], 204) },
  'POST /api/consultations/:c/sections/:s/retire': { params: freshSection, body: () => ({ reason: 'Merged elsewhere' }), expect: only(['editor'], 204) },
  // Questions: editors add, edit and reorder them; anyone signed in answers them (each answer a comment).
  'POST /api/consultations/:c/questions': { body: (fixture, who) => ({ section: fixture.section, text: `A question from ${who}` }), expect: only(['editor'], 201) },
  'PATCH /api/questions/:id': { params: questionOnSection, body: () => ({ text: 'Reworded' }), expect: only(['editor'], 200) },
  'PUT /api/consultations/:c/questions/order': {
    params: async (fixture, who) => {
      await questionOnSection(fixture, who);
      questionOrder.set(fixture, (await allQuestionIds(fixture)).reverse());
      return {};
    },
    body: (fixture) => ({ ids: questionOrder.get(fixture) }),
    expect: only(['editor'], 200),
  },
  'POST /api/consultations/:c/answers': {
    params: questionOnSection,
    body: (fixture, who) => ({ respondent: { type: 'organisation', organisation: 'A charity' }, answers: [{ questionId: freshQuestion.get(fixture), body: `An answer from ${who}` }] }),
    expect: signedIn(201),
  },

  // Moderation: anyone signed in reports someone else's comment; moderators hide and restore
  // comments, close and reopen threads and sections, act in bulk, and block and unblock citizens.
  'POST /api/comments/:id/report': { params: targetComment, body: () => ({ reason: 'spam' }), expect: signedIn(201) },
  'POST /api/comments/:id/hide': { params: targetComment, body: () => ({ reason: 'spam' }), expect: only(['moderator'], 200) },
  'POST /api/comments/:id/restore': { params: hiddenComment, expect: only(['moderator'], 200) },
  'POST /api/comments/:id/close': { params: targetComment, body: () => ({ note: 'Comments are now closed.' }), expect: only(['moderator'], 200) },
  'POST /api/comments/:id/reopen': { params: closedThread, expect: only(['moderator'], 200) },
  'POST /api/consultations/:c/sections/:s/close-comments': { params: sectionComments(false), body: () => ({ note: 'Comments are now closed.' }), expect: only(['moderator'], 200) },
  'POST /api/consultations/:c/sections/:s/reopen-comments': { params: sectionComments(true), expect: only(['moderator'], 200) },
  'POST /api/moderation/actions': { params: commentForBulk, body: (fixture) => ({ commentIds: [bulkComment.get(fixture)], action: 'hide', reason: 'spam' }), expect: only(['moderator'], 200) },
  'POST /api/moderation/users/:id/block': { params: targetUser, body: () => ({ reason: 'Advertising', hideAll: true }), expect: only(['moderator'], 200) },
  'POST /api/moderation/users/:id/unblock': { params: targetUser, expect: only(['moderator'], 200) },

  // Proposals and their discussion: reported like comments by anyone signed in (not their author,
  // the fixture's citizen); moderated by moderators.
  'POST /api/proposals/:id/report': { params: proposalIn('visible'), body: () => ({ reason: 'spam' }), expect: signedIn(201) },
  'POST /api/proposals/:id/hide': { params: proposalIn('visible'), body: () => ({ reason: 'spam' }), expect: only(['moderator'], 200) },
  'POST /api/proposals/:id/restore': { params: proposalIn('hidden'), expect: only(['moderator'], 200) },
  'POST /api/proposals/:id/approve': { params: proposalIn('pending'), expect: only(['moderator'], 200) },
  'POST /api/proposals/:id/dismiss-reports': { params: proposalIn('visible', 1), expect: only(['moderator'], 200) },
  'POST /api/proposal-comments/:id/report': { params: proposalCommentIn('visible'), body: () => ({ reason: 'spam' }), expect: signedIn(201) },
  'POST /api/proposal-comments/:id/hide': { params: proposalCommentIn('visible'), body: () => ({ reason: 'spam' }), expect: only(['moderator'], 200) },
  'POST /api/proposal-comments/:id/restore': { params: proposalCommentIn('hidden'), expect: only(['moderator'], 200) },
  'POST /api/proposal-comments/:id/approve': { params: proposalCommentIn('pending'), expect: only(['moderator'], 200) },
  'POST /api/proposal-comments/:id/dismiss-reports': { params: proposalCommentIn('visible', 1), expect: only(['moderator'], 200) },
  // Response analysis: editors and moderators start it and curate campaigns and themes.
  'POST /api/consultations/:c/analysis': { params: noAnalysisRunning, body: () => ({}), expect: only(['editor', 'moderator'], 202) },
  'POST /api/consultations/:c/campaigns/:id/split': { params: analysedCampaign, body: (fixture) => ({ commentId: analysisTarget.get(fixture)!.commentId }), expect: analysts },
  'POST /api/consultations/:c/campaigns/:id/join': { params: analysedCampaign, body: (fixture) => ({ campaignId: otherCampaign.get(fixture) }), expect: analysts },
  'POST /api/consultations/:c/themes': { body: () => ({ label: 'Our own theme' }), expect: only(['editor', 'moderator'], 201) },
  'PATCH /api/consultations/:c/themes/:id': { params: analysed, body: () => ({ label: 'Renamed' }), expect: analysts },
  'DELETE /api/consultations/:c/themes/:id': { params: analysed, expect: analysts },
  'POST /api/consultations/:c/themes/:id/merge': { params: analysed, body: (fixture) => ({ into: analysisTarget.get(fixture)!.other }), expect: analysts },
  'POST /api/consultations/:c/themes/:id/split': { params: analysed, body: (fixture) => ({ label: 'Split off', commentIds: [analysisTarget.get(fixture)!.commentId] }), expect: only(['editor', 'moderator'], 201) },
  'POST /api/consultations/:c/themes/:id/responses': { params: analysed, body: (fixture) => ({ commentId: analysisTarget.get(fixture)!.commentId }), expect: analysts },
  'DELETE /api/consultations/:c/themes/:id/responses/:commentId': { params: analysed, expect: analysts },
  // "You said, we did": editors and moderators answer each theme and sort the responses for the outcome.
  'PUT /api/consultations/:c/themes/:id/outcome': { params: analysed, body: () => ({ response: 'We changed the text.', revisionIds: [] }), expect: analysts },
  'POST /api/consultations/:c/outcome/not-themed': { body: () => ({}), expect: only(['editor', 'moderator'], 200) },
};

const STATE_CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** "METHOD /path" for every state-changing route under /api in the real app. */
async function stateChangingApiRoutes(): Promise<string[]> {
  const app = await buildSuiteApp();
  await app.ready();
  const routes = STATE_CHANGING_METHODS.flatMap((method) =>
    routePaths(app, method).map((path) => `${method} ${path}`),
  );
  await app.close();
  return routes.filter((route) => route.split(' ')[1]!.startsWith('/api/')).sort();
}

function fillPath(path: string, params: Params, route: string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: give :${name} a value in the row's params in MATRIX.`);
    return encodeURIComponent(String(value));
  });
}

async function statusesFor(route: string, row: Row): Promise<Statuses> {
  const app = await buildTestApp({ authRateLimitPerMinute: 1000, rateLimitPerMinute: 1000 });
  try {
    const { slug } = await createConsultation(app.db);
    const fixture: Fixture = { app, consultation: slug, section: 'governance', target: await createActor(app, 'citizen') };
    const [method, path] = route.split(' ') as [InjectOptions['method'], string];
    const statuses = {} as Statuses;
    for (const who of WHO) {
      const url = fillPath(path, { c: fixture.consultation, s: fixture.section, ...(await row.params?.(fixture, who)) }, route);
      const request: InjectOptions = { method, url, ...(row.body ? { payload: row.body(fixture, who) as InjectOptions['payload'] } : {}) };
      const actor = who === 'anonymous' ? null : await createActor(app, who === 'blocked' ? 'citizen' : who, { blocked: who === 'blocked' });
      statuses[who] = (await (actor ? actor.inject(request) : app.inject(request))).statusCode;
    }
    return statuses;
  } finally {
    await app.close();
  }
}

const ROUTES = await stateChangingApiRoutes();

describe('authorization matrix', () => {
  it('reads the routes from the app', () => {
    expect(ROUTES).toContain('POST /api/users/:id/role');
  });

  it('has no rows for routes that no longer exist', () => {
    const stale = Object.keys(MATRIX).filter((route) => !ROUTES.includes(route));
    expect(stale, `Remove these rows from MATRIX in tests/server/authorization-matrix.test.ts (no such route): ${stale.join(', ')}`).toEqual([]);
  });

  it.each(ROUTES)('%s answers each kind of user as the table says', async (route) => {
    const row = MATRIX[route];
    if (!row) {
      expect.fail(
        `${route} has no row in MATRIX in tests/server/authorization-matrix.test.ts. ` +
          `Add one with a valid sample body and the exact status expected for ${WHO.join(', ')}, ` +
          'so that no state-changing endpoint escapes the authorization check.',
      );
    }
    expect(await statusesFor(route, row)).toEqual(row.expect);
  });
});
