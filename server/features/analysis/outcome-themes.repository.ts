import type { Db } from '../../db/database';
import type { ThemeRow } from './themes.repository';

// "You said, we did": every live theme of a consultation (any scope), its members in order of
// how well they stand for it, its linked versions, and the responses listed as "not themed".

export async function consultationThemes(db: Db, consultationId: number): Promise<ThemeRow[]> {
  return db.selectFrom('analysis_themes').selectAll().where('consultation_id', '=', consultationId).where('deleted_at', 'is', null).orderBy('id').execute();
}

/** Members of the given themes, best representatives first within each theme. */
export async function rankedMembers(db: Db, themeIds: readonly number[]): Promise<{ theme_id: number; comment_id: number }[]> {
  if (themeIds.length === 0) return [];
  return db
    .selectFrom('analysis_theme_assignments')
    .select(['theme_id', 'comment_id'])
    .where('theme_id', 'in', [...themeIds])
    .where('state', '!=', 'excluded')
    .orderBy('theme_id')
    .orderBy('score', 'desc')
    .orderBy('comment_id')
    .execute();
}

export async function linkedRevisions(db: Db, themeIds: readonly number[]): Promise<{ theme_id: number; revision_id: number }[]> {
  if (themeIds.length === 0) return [];
  return db.selectFrom('analysis_theme_revisions').select(['theme_id', 'revision_id']).where('theme_id', 'in', [...themeIds]).orderBy('revision_id').execute();
}

export async function replaceLinkedRevisions(db: Db, themeId: number, revisionIds: readonly number[]): Promise<void> {
  await db.deleteFrom('analysis_theme_revisions').where('theme_id', '=', themeId).execute();
  if (revisionIds.length > 0) await db.insertInto('analysis_theme_revisions').values(revisionIds.map((revision_id) => ({ theme_id: themeId, revision_id }))).execute();
}

export async function notThemedIds(db: Db, consultationId: number): Promise<number[]> {
  return (await db.selectFrom('analysis_not_themed').select('comment_id').where('consultation_id', '=', consultationId).execute()).map((r) => r.comment_id);
}

export async function markNotThemed(db: Db, consultationId: number, commentIds: readonly number[], markedBy: number, at: string): Promise<void> {
  for (let i = 0; i < commentIds.length; i += 500) {
    const rows = commentIds.slice(i, i + 500).map((comment_id) => ({ consultation_id: consultationId, comment_id, marked_by: markedBy, marked_at: at }));
    await db.insertInto('analysis_not_themed').values(rows).onConflict((oc) => oc.columns(['consultation_id', 'comment_id']).doNothing()).execute();
  }
}
