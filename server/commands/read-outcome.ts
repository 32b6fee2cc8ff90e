import type { OutcomeReport, OutcomeRevision, OutcomeSection } from '../contracts/outcome';
import type { Db } from '../db/database';
import { outcomeThemes } from '../features/analysis/outcome-themes.service';
import { addressedCommentsFor } from '../features/comments/anchoring/anchoring.service';
import { answerCountsFor, commentCountsFor, emptyCounts } from '../features/comments/comments.service';
import { phaseOf } from '../features/consultations/consultations.policy';
import { allSectionsOf, presentSummary, requireConsultation } from '../features/consultations/consultations.service';
import { mergedProposalsFor } from '../features/proposals/proposals.service';
import { questionsOf } from '../features/questions/questions.service';
import { revisionsPublishedSince } from '../features/revisions/revisions.service';
import { notFound } from '../platform/errors';

const person = (username: string | null, displayName: string | null) => (username ? { username, displayName: displayName ?? username } : null);

/**
 * The published outcome of a consultation, as anyone may read it: the response itself, what
 * changed in each section (every version published after the consultation opened, crediting the
 * proposals merged as it and the comments it addressed), and the responses counted by kind and by
 * section, the answers to each question, and what people said by theme with the body's response
 * to each ("you said, we did"). Each part is gathered from its own feature.
 */
export async function getOutcome(db: Db, slug: string): Promise<OutcomeReport> {
  const consultation = await requireConsultation(db, slug);
  if (phaseOf(consultation) !== 'outcome' || !consultation.outcome_html || !consultation.outcome_published_at) throw notFound('The outcome of this consultation');
  const sections = await allSectionsOf(db, consultation.id);
  const revisions = await revisionsPublishedSince(db, sections.map((s) => s.id), consultation.opens_at);
  const revisionIds = revisions.map((r) => r.id);
  const [proposals, addressed, counts, questions, answers, byTheme] = await Promise.all([
    mergedProposalsFor(db, revisionIds),
    addressedCommentsFor(db, revisionIds),
    commentCountsFor(db, null, consultation.id),
    questionsOf(db, consultation.id),
    answerCountsFor(db, null, consultation.id),
    outcomeThemes(db, consultation),
  ]);

  const changesBySection = new Map<number, OutcomeRevision[]>();
  for (const revision of revisions) {
    const list = changesBySection.get(revision.section_id) ?? [];
    changesBySection.set(revision.section_id, list);
    list.push({
      number: revision.number,
      previous: revision.number > 1 ? revision.number - 1 : null,
      summary: revision.summary,
      createdAt: revision.created_at,
      author: person(revision.author_username, revision.author_display_name),
      mergedProposals: proposals.filter((p) => p.merged_revision_id === revision.id).map((p) => ({ id: p.id, summary: p.summary, author: person(p.username, p.display_name) })),
      addressedComments: addressed.filter((c) => c.revisionId === revision.id).map(({ revisionId: _, ...comment }) => comment),
    });
  }
  const outcomeSections: OutcomeSection[] = sections.map((section) => ({
    slug: section.slug,
    title: section.title,
    retired: section.retired_at !== null,
    responses: counts.bySection.get(section.id) ?? emptyCounts(),
    revisions: changesBySection.get(section.id) ?? [],
  }));
  return {
    consultation: presentSummary(consultation),
    publishedAt: consultation.outcome_published_at,
    summaryHtml: consultation.outcome_html,
    responses: counts.overall,
    sections: outcomeSections,
    questions: questions.map((q) => ({ number: q.number, text: q.text, section: q.section.title, answers: answers.get(q.id) ?? 0 })),
    themes: byTheme.themes,
    notThemed: byTheme.notThemed,
  };
}
