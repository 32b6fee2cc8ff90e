import type { ConsultationDetail, Phase, SectionDetail } from '../contracts/consultations';
import type { Db } from '../db/database';
import { ReadCache } from '../db/read-cache';
import type { ConsultationRow } from '../db/schema';
import { latestSeq } from '../events/event-log';
import type { CurrentUser } from '../features/auth/current-user';
import { commentCountsFor, emptyCounts } from '../features/comments/comments.service';
import { sectionAcceptsComments } from '../features/comments/comments.policy';
import { phaseOf } from '../features/consultations/consultations.policy';
import { presentSummary, requireConsultation, requireSection, sectionsOf } from '../features/consultations/consultations.service';
import { currentRevision, presentRevision } from '../features/revisions/revisions.service';

// The consultation and section pages join three features (the text, its revision, comment counts).

export async function getConsultation(db: Db, slug: string, viewer: CurrentUser | null = null): Promise<ConsultationDetail> {
  const consultation = await requireConsultation(db, slug);
  const sections = await sectionsOf(db, consultation.id);
  const counts = await commentCountsFor(db, viewer, consultation.id);
  return {
    ...presentSummary(consultation),
    introHtml: consultation.intro_html,
    outcome:
      consultation.outcome_html && consultation.outcome_published_at
        ? { html: consultation.outcome_html, publishedAt: consultation.outcome_published_at }
        : null,
    sections: sections.map((s) => ({
      slug: s.slug,
      title: s.title,
      position: s.position,
      revision: s.revision,
      updatedAt: s.updated_at,
      commentCounts: counts.bySection.get(s.id) ?? emptyCounts(),
    })),
    commentCounts: counts.overall,
  };
}

interface StoredSection {
  detail: SectionDetail;
  dates: Pick<ConsultationRow, 'opens_at' | 'closes_at' | 'outcome_published_at'>;
  /** The detail with each phase it has been asked for in, so each is one stable object to send. */
  byPhase: Map<Phase, SectionDetail>;
}

/**
 * A section as stored, read once per change to the database (see ReadCache) rather than per
 * request: four queries and parsing the revision's blocks. Only the phase depends on the clock, so
 * it is worked out on every request from the consultation's dates.
 */
const storedSections = new ReadCache<StoredSection>(200);
/** Any section page may lag: it says where it stands (`liveSeq`), and its reader's live channel starts there. */
const anyPage = () => true;

/** The section as readers see it. The result may be shared with other requests: do not change it. */
export async function getSection(db: Db, consultationSlug: string, sectionSlug: string): Promise<SectionDetail> {
  const stored = await storedSections.get(db, JSON.stringify([consultationSlug, sectionSlug]), () => readSection(db, consultationSlug, sectionSlug), anyPage);
  const phase = phaseOf(stored.dates);
  let detail = stored.byPhase.get(phase);
  if (!detail) stored.byPhase.set(phase, (detail = { ...stored.detail, consultation: { ...stored.detail.consultation, phase }, acceptsComments: sectionAcceptsComments(phase, stored.detail.commentsClosed) }));
  return detail;
}

async function readSection(db: Db, consultationSlug: string, sectionSlug: string): Promise<StoredSection> {
  // Read the log position first: anything committed after it is replayed to the live subscriber.
  const liveSeq = await latestSeq(db);
  const { consultation, section } = await requireSection(db, consultationSlug, sectionSlug);
  const revision = await currentRevision(db, section);
  const detail: SectionDetail = {
    slug: section.slug,
    title: section.title,
    position: section.position,
    consultation: { slug: consultation.slug, title: consultation.title, phase: phaseOf(consultation) },
    revision: presentRevision(revision),
    commentsClosed: section.comments_closed_at !== null,
    acceptsComments: sectionAcceptsComments(phaseOf(consultation), section.comments_closed_at !== null),
    commentsClosedNote: section.comments_closed_at === null ? null : section.comments_closed_note,
    liveSeq,
  };
  const { opens_at, closes_at, outcome_published_at } = consultation;
  return { detail, dates: { opens_at, closes_at, outcome_published_at }, byPhase: new Map([[detail.consultation.phase, detail]]) };
}
