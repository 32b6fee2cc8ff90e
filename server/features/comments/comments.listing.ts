import type { CommentList, CommentPermalink, CommentVersion, ListCommentsQuery } from '../../contracts/comments';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { forbidden } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { requireSection } from '../consultations/consultations.service';
import { commentCountsFor } from './comments.counts';
import { toCommentRecord } from './comments.presenter';
import * as repo from './comments.repository';
import { loadTarget, viewFor } from './comments.service';
import { isReadableBy, listedFor, readableBy } from './comments.policy';

/** Threads per page of a section's comments. */
const PAGE_SIZE = 50;
/** Replies loaded with one page of threads (a bound on one request's work). */
const MAX_REPLIES = 1_000;
const MAX_VERSIONS = 100;

/** Views of these rows for the viewer, in order, with their endorsements; unlisted rows drop out. */
async function viewsFor(db: Db, viewer: CurrentUser | null, rows: repo.CommentWithAuthor[]) {
  const endorsed = viewer ? await repo.endorsedBy(db, viewer.id, rows.map((row) => row.id)) : new Set<number>();
  return rows.flatMap((row) => viewFor(viewer, toCommentRecord(row), endorsed.has(row.id)) ?? []);
}

/**
 * Signed-out readers all see the same page, so it is read once per change to the database rather
 * than once per request: six queries and a page of presenting (most of a section page's cost).
 * Signed-in readers see their own pending comments and endorsements and are read each time.
 */
const signedOutPages = new ReadCache<CommentList>(200);

export async function listComments(db: Db, viewer: CurrentUser | null, c: string, s: string, query: ListCommentsQuery): Promise<CommentList> {
  if (viewer !== null) return readComments(db, viewer, c, s, query);
  const key = JSON.stringify([c, s, query.sort ?? 'newest', query.kind ?? null, query.block ?? null, query.page ?? 1]);
  return signedOutPages.get(db, key, () => readComments(db, null, c, s, query));
}

async function readComments(db: Db, viewer: CurrentUser | null, c: string, s: string, query: ListCommentsQuery): Promise<CommentList> {
  const { consultation, section } = await requireSection(db, c, s);
  const page = query.page ?? 1;
  const visible = listedFor(viewer);
  const roots = await repo.listTopLevel(db, {
    sectionId: section.id,
    visible,
    sort: query.sort ?? 'newest',
    kind: query.kind,
    block: query.block,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const shown = roots.slice(0, PAGE_SIZE);
  const replies = await repo.listReplies(db, shown.map((root) => root.id), visible, MAX_REPLIES);
  const byBlock: Record<string, number> = {};
  for (const row of await repo.countByBlock(db, section.id, readableBy(viewer))) if (row.block_id) byBlock[row.block_id] = Number(row.n);
  const { overall } = await commentCountsFor(db, viewer, consultation.id, section.id);
  return {
    comments: await viewsFor(db, viewer, [...shown, ...replies]),
    page,
    nextPage: roots.length > PAGE_SIZE ? page + 1 : null,
    counts: { byKind: overall, byBlock },
  };
}

/** One comment and its whole thread (top-level comment first), as the viewer may see them. */
export async function getPermalink(db: Db, viewer: CurrentUser | null, id: number): Promise<CommentPermalink> {
  const { row } = await loadTarget(db, viewer, id);
  const rootId = row.root_id ?? row.id;
  const root = row.root_id === null ? row : await repo.findComment(db, rootId);
  const thread = await viewsFor(db, viewer, [...(root ? [root] : []), ...(await repo.listReplies(db, [rootId], listedFor(viewer), MAX_REPLIES))]);
  return { comment: thread.find((view) => view.id === id)!, thread };
}

/** Every version, newest first, for those who may read the comment's text. */
export async function getVersions(db: Db, viewer: CurrentUser | null, id: number): Promise<CommentVersion[]> {
  const { row } = await loadTarget(db, viewer, id);
  if (!isReadableBy(viewer, { status: row.status, authorId: row.author_id })) {
    throw forbidden('This comment has been removed, so its earlier versions are not shown.', 'comment_removed');
  }
  const versions = await repo.listVersions(db, id, MAX_VERSIONS);
  return versions.map((v) => ({ version: v.version, body: v.body, html: v.html, createdAt: v.created_at }));
}
