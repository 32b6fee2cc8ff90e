import type { Generated } from 'kysely';

/** Tables of response analysis (migration 0020), merged into `Database` in schema.ts. */
export interface AnalysisDatabase {
  analysis_jobs: AnalysisJobsTable;
  analysis_campaigns: AnalysisCampaignsTable;
  analysis_responses: AnalysisResponsesTable;
  analysis_themes: AnalysisThemesTable;
  analysis_theme_assignments: AnalysisThemeAssignmentsTable;
  analysis_changes: AnalysisChangesTable;
  analysis_campaign_bands: AnalysisCampaignBandsTable;
}

export type AnalysisJobStatus = 'queued' | 'running' | 'done' | 'failed';
export type AnalysisScope = 'consultation' | 'section';
export type ThemeAssignmentState = 'proposed' | 'curated' | 'excluded';

export interface AnalysisJobsTable {
  id: Generated<number>;
  consultation_id: number;
  /** The consultation while the job is queued or running, else null (unique: one analysis at a time). */
  active_consultation_id: number | null;
  scope: AnalysisScope;
  scope_id: number | null;
  /** The number of themes the analyst asked for; null lets the engine choose. */
  theme_count: number | null;
  status: AnalysisJobStatus;
  stage: string;
  progress: Generated<number>;
  error: string | null;
  requested_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface AnalysisCampaignsTable {
  id: Generated<number>;
  consultation_id: number;
  representative_id: number;
  created_at: string;
}

/** A response an analysis has seen: its campaign (null: its own), section and kind. */
export interface AnalysisResponsesTable {
  comment_id: number;
  consultation_id: number;
  section_id: number;
  kind: string;
  campaign_id: number | null;
  /** 1 when a person split the response out or joined it: grouping never moves it again. */
  pinned: Generated<number>;
}

export interface AnalysisThemesTable {
  id: Generated<number>;
  consultation_id: number;
  scope: AnalysisScope;
  scope_id: number | null;
  label: string;
  /** JSON array of strings. */
  key_phrases: string;
  /** JSON object stem → weight: the engine's centroid when it proposed the theme ({} for an analyst's own). */
  centroid: string;
  origin: 'proposed' | 'analyst';
  /** The body's published response to what people said under this theme ("you said, we did"). */
  response_markdown: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AnalysisThemeAssignmentsTable {
  theme_id: number;
  comment_id: number;
  score: number;
  state: ThemeAssignmentState;
}

export interface AnalysisChangesTable {
  id: Generated<number>;
  consultation_id: number;
  actor_id: number;
  action: string;
  /** JSON: what changed, in the action's own terms. */
  detail: string;
  created_at: string;
}

/** The LSH band index of response signatures (migration 0022): campaigns grouped on arrival. */
export interface AnalysisCampaignBandsTable {
  consultation_id: number;
  /** One band of the response's MinHash signature, hashed to a signed 32-bit integer. */
  band_key: number;
  comment_id: number;
}
