import type { Db } from '../../server/db/database';
import { now } from '../../server/db/time';
import { insertConsultation, insertSection } from '../../server/features/consultations/consultations.repository';
import { publishRevision, type PublishRevisionInput } from '../../server/commands/publish-revision';

const DAY = 24 * 60 * 60 * 1000;

export interface ConsultationFixture {
  slug?: string;
  title?: string;
  /** Defaults to open: opened yesterday, closes in 30 days. */
  opensAt?: string;
  closesAt?: string;
  outcome?: { markdown: string; html: string; publishedAt: string };
  sections?: { slug: string; title?: string; markdown: string }[];
}

export const SAMPLE_MARKDOWN = `Technology should shape policy from the start.

## Key principles

1. **Scrutinise early**: assess the technology before legislation is drafted.
2. **Board-level capability**: every department board needs someone who understands technology.

## Recommendations

- Publish spending on technology every quarter.
- Break large contracts into smaller lots.
`;

/** Governance (the sample text) and a short Procurement section: for what spans sections (questions, the dashboard). */
export const TWO_SECTIONS: ConsultationFixture['sections'] = [
  { slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN },
  { slug: 'procurement', title: 'Procurement', markdown: 'Buy in smaller lots.\n' },
];

/** Inserts a consultation with sections (each with a first revision) and returns their ids. */
export async function createConsultation(db: Db, fixture: ConsultationFixture = {}) {
  const time = now();
  const slug = fixture.slug ?? 'test-consultation';
  const consultationId = await insertConsultation(db, {
    slug,
    title: fixture.title ?? 'A test consultation',
    summary: 'What we would like your views on.',
    intro_markdown: 'Please respond.',
    intro_html: '<p>Please respond.</p>',
    opens_at: fixture.opensAt ?? new Date(Date.now() - DAY).toISOString(),
    closes_at: fixture.closesAt ?? new Date(Date.now() + 30 * DAY).toISOString(),
    outcome_markdown: fixture.outcome?.markdown ?? null,
    outcome_html: fixture.outcome?.html ?? null,
    outcome_published_at: fixture.outcome?.publishedAt ?? null,
    created_at: time,
    updated_at: time,
  });
  const sections = fixture.sections ?? [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }];
  const sectionIds: Record<string, number> = {};
  for (const [index, section] of sections.entries()) {
    const id = await insertSection(db, { consultation_id: consultationId, slug: section.slug, title: section.title ?? section.slug, position: index + 1, updated_at: time });
    await publishRevisionNow(db, { sectionId: id, markdown: section.markdown, summary: 'First published text', authorId: null });
    sectionIds[section.slug] = id;
  }
  return { consultationId, slug, sectionIds };
}

/** Publishes a revision in a transaction of its own, as an edit or a merge would. */
export function publishRevisionNow(db: Db, input: PublishRevisionInput): ReturnType<typeof publishRevision> {
  return db.transaction().execute((trx) => publishRevision(trx, input));
}
