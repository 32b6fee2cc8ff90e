import type { Expression, Insertable, SqlBool, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ModerationState, ProposalCommentsTable, ProposalRow, ProposalStatus, ProposalsTable } from '../../db/schema';

/** A proposal with the names and numbers every view of it shows. */
export type ProposalListRow = ProposalRow & {
  author_username: string | null;
  author_display_name: string | null;
  base_revision: number;
  merged_revision: number | null;
};

/** A proposal with its section, consultation, texts and the people involved: what the rules and the detail view need. */
export type ProposalWithContext = ProposalListRow & {
  decider_username: string | null;
  decider_display_name: string | null;
  base_markdown: string;
  section_slug: string;
  section_title: string;
  section_locked_at: string | null;
  section_locked_reason: string | null;
  current_revision_id: number;
  consultation_slug: string;
  consultation_title: string;
  premoderation: number;
  opens_at: string;
  closes_at: string;
  outcome_published_at: string | null;
};

function selectListRows(db: Db) {
  return db
    .selectFrom('proposals')
    .leftJoin('users as author', 'author.id', 'proposals.author_id')
    .innerJoin('revisions as base', 'base.id', 'proposals.base_revision_id')
    .leftJoin('revisions as merged', 'merged.id', 'proposals.merged_revision_id')
    .selectAll('proposals')
    .select([
      'author.username as author_username',
      'author.display_name as author_display_name',
      'base.number as base_revision',
      'merged.number as merged_revision',
    ]);
}

export async function findProposal(db: Db, id: number): Promise<ProposalWithContext | undefined> {
  const row = await selectListRows(db)
    .leftJoin('users as decider', 'decider.id', 'proposals.decided_by')
    .innerJoin('sections', 'sections.id', 'proposals.section_id')
    .innerJoin('consultations', 'consultations.id', 'sections.consultation_id')
    .select([
      'decider.username as decider_username',
      'decider.display_name as decider_display_name',
      'base.markdown as base_markdown',
      'sections.slug as section_slug',
      'sections.title as section_title',
      'sections.locked_at as section_locked_at',
      'sections.locked_reason as section_locked_reason',
      'sections.current_revision_id',
      'consultations.slug as consultation_slug',
      'consultations.title as consultation_title',
      'consultations.premoderation',
      'consultations.opens_at',
      'consultations.closes_at',
      'consultations.outcome_published_at',
    ])
    .where('proposals.id', '=', id)
    .executeTakeFirst();
  // A section with proposals always has a current revision (it is set when the section is created).
  return row && { ...row, current_revision_id: row.current_revision_id! };
}

export async function findDraft(db: Db, sectionId: number, authorId: number): Promise<ProposalListRow | undefined> {
  return selectListRows(db)
    .where('proposals.section_id', '=', sectionId)
    .where('proposals.author_id', '=', authorId)
    .where('proposals.status', '=', 'draft')
    .executeTakeFirst();
}

/** A section's submitted proposals that `listed` admits, newest first; drafts are private and never listed. */
export async function listProposals(db: Db, sectionId: number, listed: Expression<SqlBool>, status: ProposalStatus | undefined, limit: number, offset: number): Promise<ProposalListRow[]> {
  let query = selectListRows(db).where('proposals.section_id', '=', sectionId).where(listed);
  query = status ? query.where('proposals.status', '=', status) : query.where('proposals.status', '!=', 'draft');
  return query.orderBy('proposals.submitted_at', 'desc').orderBy('proposals.id', 'desc').limit(limit).offset(offset).execute();
}

export async function countProposalsByStatus(db: Db, sectionId: number, listed: Expression<SqlBool>): Promise<Map<ProposalStatus, number>> {
  const rows = await db
    .selectFrom('proposals')
    .select(['proposals.status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('proposals.section_id', '=', sectionId)
    .where(listed)
    .groupBy('proposals.status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}

export async function insertProposal(db: Db, proposal: Insertable<ProposalsTable>): Promise<number> {
  const row = await db.insertInto('proposals').values(proposal).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Changes a proposal only if it still has status `from`; false when someone else changed it first.
 * Every status change goes through here, so two editors cannot both merge (or merge and reject) one proposal.
 */
export async function updateProposalIfStatus(db: Db, id: number, from: ProposalStatus, changes: Updateable<ProposalsTable>): Promise<boolean> {
  const result = await db.updateTable('proposals').set(changes).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Takes the section's write lock (a no-op update) if it is still at `revisionId`: true means no
 * other revision can land until this transaction ends, on SQLite and PostgreSQL alike.
 */
export async function holdSectionAt(db: Db, sectionId: number, revisionId: number): Promise<boolean> {
  const result = await db
    .updateTable('sections')
    .set((eb) => ({ current_revision_id: eb.ref('current_revision_id') }))
    .where('id', '=', sectionId)
    .where('current_revision_id', '=', revisionId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export type ProposalCommentRow = {
  id: number;
  body: string;
  html: string;
  created_at: string;
  author_id: number | null;
  author_username: string | null;
  author_display_name: string | null;
  moderation: ModerationState;
  hidden_reason: string | null;
};

function selectComments(db: Db) {
  return db
    .selectFrom('proposal_comments')
    .leftJoin('users', 'users.id', 'proposal_comments.author_id')
    .select([
      'proposal_comments.id',
      'proposal_comments.body',
      'proposal_comments.html',
      'proposal_comments.created_at',
      'proposal_comments.author_id',
      'proposal_comments.moderation',
      'proposal_comments.hidden_reason',
      'users.username as author_username',
      'users.display_name as author_display_name',
    ]);
}

/** Those `listed` admits, oldest first, as a conversation reads; capped so one page can never grow without bound. */
export async function listProposalComments(db: Db, proposalId: number, listed: Expression<SqlBool>, limit: number): Promise<ProposalCommentRow[]> {
  return selectComments(db)
    .where('proposal_comments.proposal_id', '=', proposalId)
    .where(listed)
    .orderBy('proposal_comments.created_at')
    .orderBy('proposal_comments.id')
    .limit(limit)
    .execute();
}

export async function findProposalComment(db: Db, id: number): Promise<ProposalCommentRow | undefined> {
  return selectComments(db).where('proposal_comments.id', '=', id).executeTakeFirst();
}

export async function insertProposalComment(db: Db, comment: Insertable<ProposalCommentsTable>): Promise<number> {
  const row = await db.insertInto('proposal_comments').values(comment).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Each proposal's moderation state now and its author (the live channel judges old events by these). */
export async function currentProposalStates(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposals').select(['id', 'moderation', 'hidden_reason', 'author_id']).where('id', 'in', ids).execute();
}

/** Proposals merged as these revisions that anyone may read, with their author's public name. */
export async function listMergedInto(db: Db, revisionIds: number[]) {
  if (revisionIds.length === 0) return [];
  return db
    .selectFrom('proposals')
    .leftJoin('users', 'users.id', 'proposals.author_id')
    .select(['proposals.id', 'proposals.summary', 'proposals.merged_revision_id', 'users.username', 'users.display_name'])
    .where('proposals.merged_revision_id', 'in', revisionIds)
    .where('proposals.status', '=', 'merged')
    .where('proposals.moderation', '=', 'visible')
    .orderBy('proposals.id')
    .execute();
}

/** A person's own proposals (their activity page and data download). */
export async function proposalsByAuthor(db: Db, authorId: number) {
  return db
    .selectFrom('proposals')
    .select(['id', 'summary', 'status', 'markdown', 'created_at', 'submitted_at', 'decided_at', 'decision_note'])
    .where('author_id', '=', authorId)
    .orderBy('id', 'desc')
    .execute();
}

export async function proposalCommentsByAuthor(db: Db, authorId: number) {
  return db.selectFrom('proposal_comments').select(['id', 'proposal_id', 'body', 'created_at']).where('author_id', '=', authorId).orderBy('id').execute();
}

/** Erasure: unsubmitted drafts go; with "remove my comments too", discussion comments lose their text. */
export async function eraseProposalWorkBy(db: Db, authorId: number, removeComments: boolean): Promise<void> {
  await db.deleteFrom('proposals').where('author_id', '=', authorId).where('status', '=', 'draft').execute();
  if (removeComments) {
    await db
      .updateTable('proposal_comments')
      .set({ body: '', html: '', moderation: 'hidden', hidden_reason: 'Removed with its author’s account.', hidden_at: new Date().toISOString() })
      .where('author_id', '=', authorId)
      .execute();
  }
}
