import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { AnalysisScope, AnalysisThemesTable, ThemeAssignmentState } from '../../db/schema-analysis';

export type ThemeRow = Selectable<AnalysisThemesTable>;

export interface Scope {
  readonly scope: AnalysisScope;
  readonly scopeId: number | null;
}

export async function liveThemes(db: Db, consultationId: number, scope: Scope): Promise<ThemeRow[]> {
  return db
    .selectFrom('analysis_themes')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('scope', '=', scope.scope)
    .where((eb) => (scope.scopeId === null ? eb('scope_id', 'is', null) : eb('scope_id', '=', scope.scopeId)))
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function findTheme(db: Db, consultationId: number, id: number): Promise<ThemeRow | undefined> {
  return db.selectFrom('analysis_themes').selectAll().where('id', '=', id).where('consultation_id', '=', consultationId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertTheme(db: Db, values: Insertable<AnalysisThemesTable>): Promise<number> {
  return (await db.insertInto('analysis_themes').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTheme(db: Db, id: number, values: Partial<Pick<ThemeRow, 'label' | 'response_markdown' | 'updated_at' | 'deleted_at'>>): Promise<void> {
  await db.updateTable('analysis_themes').set(values).where('id', '=', id).execute();
}

export interface AssignmentValues {
  theme_id: number;
  comment_id: number;
  score: number;
  state: ThemeAssignmentState;
}

/** Engine suggestions: never replace a row that is already there (a person's or an earlier run's). */
export async function insertSuggestions(db: Db, rows: readonly AssignmentValues[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    await db.insertInto('analysis_theme_assignments').values(rows.slice(i, i + 1_000)).onConflict((oc) => oc.columns(['theme_id', 'comment_id']).doNothing()).execute();
  }
}

/** A person's decision about one response in one theme: it replaces whatever was there. */
export async function setAssignment(db: Db, row: AssignmentValues): Promise<void> {
  await db
    .insertInto('analysis_theme_assignments')
    .values(row)
    .onConflict((oc) => oc.columns(['theme_id', 'comment_id']).doUpdateSet({ state: row.state, score: row.score }))
    .execute();
}

/** Responses with a row (any state) in the given themes. */
export async function assignedIn(db: Db, themeIds: readonly number[]): Promise<{ theme_id: number; comment_id: number; state: ThemeAssignmentState }[]> {
  if (themeIds.length === 0) return [];
  return db.selectFrom('analysis_theme_assignments').select(['theme_id', 'comment_id', 'state']).where('theme_id', 'in', [...themeIds]).execute();
}

export async function themeMembers(db: Db, themeId: number): Promise<number[]> {
  const rows = await db.selectFrom('analysis_theme_assignments').select('comment_id').where('theme_id', '=', themeId).where('state', '!=', 'excluded').execute();
  return rows.map((r) => r.comment_id);
}

/** Size and counts by kind of each theme (excluded responses left out). */
export async function themeKindCounts(db: Db, themeIds: readonly number[]) {
  if (themeIds.length === 0) return [];
  return db
    .selectFrom('analysis_theme_assignments as a')
    .innerJoin('analysis_responses as r', 'r.comment_id', 'a.comment_id')
    .select((eb) => ['a.theme_id', 'r.kind', eb.fn.countAll<number>().as('n')])
    .where('a.theme_id', 'in', [...themeIds])
    .where('a.state', '!=', 'excluded')
    .groupBy(['a.theme_id', 'r.kind'])
    .execute();
}

/** The responses that best stand for a theme: highest score first, curated ones before equal scores. */
export async function topResponses(db: Db, themeId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('analysis_theme_assignments')
    .select('comment_id')
    .where('theme_id', '=', themeId)
    .where('state', '!=', 'excluded')
    .orderBy('score', 'desc')
    .orderBy('comment_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.comment_id);
}

/** Themes of each response among `ids` (for the exports). */
export async function themesOf(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('analysis_theme_assignments as a')
    .innerJoin('analysis_themes as t', 't.id', 'a.theme_id')
    .select(['a.comment_id', 't.label'])
    .where('a.comment_id', 'in', [...ids])
    .where('a.state', '!=', 'excluded')
    .where('t.deleted_at', 'is', null)
    .orderBy('t.id')
    .execute();
  const themes = new Map<number, string[]>();
  for (const r of rows) themes.set(r.comment_id, [...(themes.get(r.comment_id) ?? []), r.label]);
  return themes;
}

export async function moveAssignments(db: Db, fromThemeId: number, toThemeId: number): Promise<void> {
  const rows = await db.selectFrom('analysis_theme_assignments').selectAll().where('theme_id', '=', fromThemeId).where('state', '!=', 'excluded').execute();
  for (const row of rows) await setAssignment(db, { ...row, theme_id: toThemeId, state: 'curated' });
  await db.updateTable('analysis_theme_assignments').set({ state: 'excluded' }).where('theme_id', '=', fromThemeId).execute();
}
