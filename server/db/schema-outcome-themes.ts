/** Tables of "you said, we did" (migration 0021), merged into `Database` in schema.ts. */
export interface OutcomeThemesDatabase {
  analysis_theme_revisions: AnalysisThemeRevisionsTable;
  analysis_not_themed: AnalysisNotThemedTable;
}

/** A version that changed because of a theme. */
export interface AnalysisThemeRevisionsTable {
  theme_id: number;
  revision_id: number;
}

/** A response an editor listed as "not themed" on the outcome. */
export interface AnalysisNotThemedTable {
  consultation_id: number;
  comment_id: number;
  marked_by: number;
  marked_at: string;
}
