import type { CommentKind } from '../../contracts/comments';
import type { Dashboard } from '../../contracts/dashboard';
import type { Db } from '../../db/database';
import { latestSeq } from '../../events/event-log';
import { enforce } from '../../platform/decisions';
import type { CurrentUser } from '../auth/current-user';
import { emptyCounts, receivedAnswerCounts, receivedCounts } from '../comments/comments.service';
import { requireConsultation, sectionsOf } from '../consultations/consultations.service';
import { questionsOf } from '../questions/questions.service';
import { mostSupportedSuggestions } from '../suggestions/suggestions.service';
import { mayViewDashboard } from './dashboard.policy';
import * as repo from './dashboard.repository';

/** Characters of a comment shown on the dashboard; the link leads to the rest. */
const EXCERPT = 160;
/** Suggestions listed. */
const LIST = 10;

function commentRef(row: repo.CommentRefRow) {
  const text = row.body.replace(/\s+/g, ' ').trim();
  return {
    id: row.id,
    section: { slug: row.section_slug, title: row.section_title },
    kind: row.kind,
    excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text,
    author: row.author,
    createdAt: row.created_at,
  };
}

/** Every comment kind, in the order the comment form offers them. */
const KINDS = Object.keys(emptyCounts()).filter((key) => key !== 'total') as CommentKind[];

export async function getDashboard(db: Db, viewer: CurrentUser | null, slug: string): Promise<Dashboard> {
  enforce(mayViewDashboard(viewer));
  // Read the log position first: anything after it reaches the page live.
  const liveSeq = await latestSeq(db);
  const consultation = await requireConsultation(db, slug);
  const id = consultation.id;
  const [sections, questions, received, byQuestion, byDay, waiting, unanswered, orphaned, endorsed, reported, suggestions] = await Promise.all([
    sectionsOf(db, id),
    questionsOf(db, id),
    receivedCounts(db, id),
    receivedAnswerCounts(db, id),
    repo.responsesByDay(db, id),
    repo.waitingProposals(db, id),
    repo.unansweredQuestions(db, id),
    repo.orphanedComments(db, id),
    repo.mostEndorsed(db, id),
    repo.reportedComments(db, id),
    mostSupportedSuggestions(db, id, LIST),
  ]);
  return {
    consultation: { slug: consultation.slug, title: consultation.title, opensAt: consultation.opens_at, closesAt: consultation.closes_at },
    liveSeq,
    responses: received.overall.total,
    byDay: byDay.map((row) => ({ day: row.day, responses: Number(row.n) })),
    bySection: sections.map((s) => ({ slug: s.slug, title: s.title, responses: received.bySection.get(s.id)?.total ?? 0 })),
    byKind: KINDS.map((kind) => ({ kind, responses: received.overall[kind] })),
    byQuestion: questions.map((q) => ({ id: q.id, number: q.number, text: q.text, responses: byQuestion.get(q.id) ?? 0 })),
    waitingProposals: {
      total: waiting.total,
      items: waiting.items.map((p) => ({
        id: p.id,
        section: { slug: p.section_slug, title: p.section_title },
        summary: p.summary,
        author: p.author,
        submittedAt: p.submitted_at ?? p.created_at,
      })),
    },
    unansweredQuestions: { total: unanswered.total, items: unanswered.items.map(commentRef) },
    orphanedComments: { total: orphaned.total, items: orphaned.items.map(commentRef) },
    mostEndorsed: endorsed.map((row) => ({ ...commentRef(row), endorsements: row.endorsement_count })),
    suggestions: {
      open: suggestions.open,
      supports: suggestions.supports,
      mostSupported: suggestions.items.map((row) => ({
        id: row.id,
        proposalId: row.proposal_id,
        section: { slug: row.section_slug, title: row.section_title },
        reason: row.reason,
        author: row.author,
        supports: row.support_count,
      })),
    },
    reportsWaiting: { total: reported.total, items: reported.items.map((row) => ({ ...commentRef(row), reports: row.report_count })) },
  };
}
