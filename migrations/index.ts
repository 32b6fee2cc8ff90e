import type { Migration } from 'kysely';
import * as initial from './0001_initial';
import * as events from './0002_events';
import * as comments from './0003_comments';
import * as moderation from './0004_moderation';
import * as proposals from './0005_proposals';
import * as commentAddressed from './0006_comment_addressed';
import * as sectionContentSource from './0007_section_content_source';
import * as commentQuote from './0008_comment_quote';
import * as proposalModeration from './0009_proposal_moderation';
import * as signInThrottle from './0010_sign_in_throttle';
import * as anchorConfidence from './0011_anchor_confidence';
import * as search from './0014_search';
import * as consultationManagement from './0016_consultation_management';
import * as questions from './0017_questions';
import * as notifications from './0018_notifications';
import * as suggestions from './0019_suggestions';
import * as analysis from './0020_analysis';
import * as themeResponses from './0021_theme_responses';
import * as campaignIndex from './0022_campaign_index';
import * as searchAccents from './0026_search_accents';
import * as commentCounters from './0027_comment_counters';
import * as campaignBandsClustered from './0028_campaign_bands_clustered';
import * as readingOrderIndex from './0029_reading_order_index';
import * as responsesByDayIndex from './0030_responses_by_day_index';
import * as addressedIndex from './0031_addressed_index';

/** Every migration, registered by hand in order (no directory scanning, so bundlers and tests agree). */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_events': events,
  '0003_comments': comments,
  '0004_moderation': moderation,
  '0005_proposals': proposals,
  '0006_comment_addressed': commentAddressed,
  '0007_section_content_source': sectionContentSource,
  '0008_comment_quote': commentQuote,
  '0009_proposal_moderation': proposalModeration,
  '0010_sign_in_throttle': signInThrottle,
  '0011_anchor_confidence': anchorConfidence,
  '0014_search': search,
  '0016_consultation_management': consultationManagement,
  '0017_questions': questions,
  '0018_notifications': notifications,
  '0019_suggestions': suggestions,
  '0020_analysis': analysis,
  '0021_theme_responses': themeResponses,
  '0022_campaign_index': campaignIndex,
  '0026_search_accents': searchAccents,
  '0027_comment_counters': commentCounters,
  '0028_campaign_bands_clustered': campaignBandsClustered,
  '0029_reading_order_index': readingOrderIndex,
  '0030_responses_by_day_index': responsesByDayIndex,
  '0031_addressed_index': addressedIndex,
};
