import type { ModerationQueue, QueueItem } from '../../contracts/moderation';
import type { Db } from '../../db/database';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { type CommentWithAuthor, toCommentRecord } from '../comments/comments.service';
import { presentCommentFor } from '../comments/comments.policy';
import { mayModerate } from './moderation.policy';
import { authorHistories, findComments, listQueue, openReports, type QueueRow } from './moderation.repository';

const PAGE_SIZE = 50;

const ids = (values: (number | null)[]): number[] => [...new Set(values.filter((v): v is number => v !== null))];

function byKey<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Reported and pending comments, with what a moderator needs to decide: the passage, the comment
 * replied to, the open reports and the author's record. Built from five queries per page.
 */
export async function getQueue(db: Db, viewer: CurrentUser | null, page: number): Promise<ModerationQueue> {
  enforce(mayModerate(viewer));
  const rows = await listQueue(db, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  const shown = rows.slice(0, PAGE_SIZE);
  const context = new Map((await findComments(db, ids(shown.flatMap((row) => [row.parent_id, row.root_id])))).map((row) => [row.id, row]));
  const reports = byKey(await openReports(db, shown.map((row) => row.id)), (report) => report.comment_id);
  const authors = new Map((await authorHistories(db, ids(shown.map((row) => row.author_id)))).map((author) => [author.id, author]));
  // Moderators read everything, so the rule gives them the whole comment.
  const view = (row: CommentWithAuthor) => presentCommentFor(viewer, toCommentRecord(row))!;

  const item = (row: QueueRow): QueueItem => {
    const root = row.root_id === null ? row : context.get(row.root_id);
    const parent = row.parent_id === null ? undefined : context.get(row.parent_id);
    const author = row.author_id === null ? undefined : authors.get(row.author_id);
    return {
      comment: view(row),
      where: { consultation: row.consultation_slug, section: row.section_slug, sectionTitle: row.section_title },
      passage: root?.quote_posted ?? root?.quote_exact ?? null,
      parent: parent ? view(parent) : null,
      reports: (reports.get(row.id) ?? []).map((r) => ({ reason: r.reason, note: r.note, reporter: { username: r.username, displayName: r.display_name }, createdAt: r.created_at })),
      author: author
        ? {
            id: author.id,
            username: author.username,
            displayName: author.display_name,
            blocked: author.blocked_at !== null,
            joinedAt: author.created_at,
            comments: Number(author.comment_count),
            hidden: Number(author.hidden_count),
            reports: Number(author.report_count),
          }
        : null,
    };
  };
  return { items: shown.map(item), page, nextPage: rows.length > PAGE_SIZE ? page + 1 : null };
}
