import type { CommentList, CommentPermalink, CommentVersion, CommentView, ListCommentsQuery, RepliesPage, ViewerMarks } from '../../contracts/comments';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { badRequest, forbidden } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { latestSeq } from '../../events/event-log';
import { requireSection } from '../consultations/consultations.service';
import { threadsFollowedAmong } from '../notifications/follows.service';
import { blockCountsFor, commentCountsFor } from './comments.counts';
import { toCommentRecord } from './comments.presenter';
import * as repo from './comments.repository';
import { loadTarget, viewFor } from './comments.service';
import type { CommentFilter } from './comments.repository';
import { isReadableBy, listedFor, seesPublicComments } from './comments.policy';

/** Threads per page of a section's comments. */
const PAGE_SIZE = 50;
/** Replies loaded with one page of threads (a bound on one request's work); the rest page on. */
const MAX_REPLIES = 1_000;
/** Replies per page of one thread. */
const REPLIES_PAGE = 200;
const MAX_VERSIONS = 100;

/** Views of these rows for the viewer, in order, with their own marks; unlisted rows drop out. */
async function viewsFor(db: Db, viewer: CurrentUser | null, rows: repo.CommentWithAuthor[]) {
  const views = rows.flatMap((row) => viewFor(viewer, toCommentRecord(row), false) ?? []);
  if (!viewer) return views;
  return views.map(await viewerMarks(db, viewer, views));
}

/**
 * What only this viewer sees on these comments: which they endorsed and reported (so neither is
 * offered again) and, among the top-level ones, which threads they follow.
 */
async function readViewerMarks(db: Db, viewer: CurrentUser, comments: Pick<CommentView, 'id' | 'parentId'>[]): Promise<ViewerMarks> {
  const ids = comments.map((comment) => comment.id);
  const roots = comments.filter((comment) => comment.parentId === null).map((comment) => comment.id);
  const [endorsed, reported, followed] = await Promise.all([repo.endorsedBy(db, viewer.id, ids), repo.reportedBy(db, viewer.id, ids), threadsFollowedAmong(db, viewer, roots)]);
  return { endorsed: [...endorsed], reported: [...reported], followed: [...followed] };
}

/** The marks set on each view (`followedByMe` on top-level comments only), for lists presented in full. */
async function viewerMarks(db: Db, viewer: CurrentUser, comments: Pick<CommentView, 'id' | 'parentId'>[]): Promise<(view: CommentView) => CommentView> {
  const marks = await readViewerMarks(db, viewer, comments);
  const [endorsed, reported, followed] = [new Set(marks.endorsed), new Set(marks.reported), new Set(marks.followed)];
  return (view) => ({
    ...view,
    endorsedByMe: endorsed.has(view.id),
    reportedByMe: reported.has(view.id),
    ...(view.parentId === null ? { followedByMe: followed.has(view.id) } : {}),
  });
}

/**
 * Signed-out readers all see the same page, so it is read once per change to the database rather
 * than once per request: six queries and a page of presenting (most of a section page's cost).
 * Most signed-in readers get that same page, encoded once, with only their own marks beside it
 * (`mine`, merged by the client), themselves read once per change; moderators, and authors of a
 * pending or hidden comment in the section, get the page read and presented for them.
 */
const signedOutPages = new ReadCache<CommentList>(200);
/** Per viewer and page: their marks on the shared page, or null when they read the section in full. */
const viewerOverlays = new ReadCache<ViewerMarks | null>(2_000);

/** A page of comments as the route sends it: the page, and the viewer's marks on it when the page is the shared one. */
export interface CommentsForViewer {
  page: CommentList;
  mine: ViewerMarks | null;
}

export async function listComments(db: Db, viewer: CurrentUser | null, c: string, s: string, query: ListCommentsQuery): Promise<CommentsForViewer> {
  const pageKey = JSON.stringify([c, s, query.sort ?? 'newest', query.kind ?? null, query.block ?? null, query.page ?? 1]);
  const publicPage = (mayLag?: (page: CommentList) => boolean) => signedOutPages.get(db, pageKey, () => readComments(db, null, c, s, query), mayLag);
  if (viewer === null) {
    const { since } = query;
    // A page a moment old will do if it holds everything the reader's live channel has shown:
    // what came after it arrives on that channel.
    return { page: await publicPage(since === undefined ? undefined : (page) => page.liveSeq >= since), mine: null };
  }
  const mine = await viewerOverlays.get(db, JSON.stringify([viewer.id, viewer.role, pageKey]), async () => {
    const { section } = await requireSection(db, c, s);
    if (!seesPublicComments(viewer, await repo.hasUnpublishedComment(db, section.id, viewer.id))) return null;
    return readViewerMarks(db, viewer, (await publicPage()).comments);
  });
  if (mine === null) return { page: await readComments(db, viewer, c, s, query), mine: null };
  return { page: await publicPage(), mine };
}

async function readComments(db: Db, viewer: CurrentUser | null, c: string, s: string, query: ListCommentsQuery): Promise<CommentList> {
  // Read the log position first: anything committed after it reaches a live reader as an event.
  const liveSeq = await latestSeq(db);
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
  const moreReplies = await threadsCut(db, shown, replies, visible);
  const byBlock = await blockCountsFor(db, viewer, section.id);
  const { overall } = await commentCountsFor(db, viewer, consultation.id, section.id);
  return {
    comments: await viewsFor(db, viewer, [...shown, ...replies]),
    page,
    nextPage: roots.length > PAGE_SIZE ? page + 1 : null,
    moreReplies,
    counts: { byKind: overall, byBlock },
    liveSeq,
  };
}

/**
 * Threads the reply cap cut short, with where each continues. Replies load oldest first across
 * the page, so each thread's loaded replies are its first ones and the last of them is the cursor.
 */
async function threadsCut(db: Db, roots: repo.CommentWithAuthor[], replies: repo.CommentWithAuthor[], visible: CommentFilter): Promise<Record<string, number>> {
  if (replies.length < MAX_REPLIES) return {};
  const lastLoaded = new Map<number, number>();
  const loaded = new Map<number, number>();
  for (const reply of replies) {
    lastLoaded.set(reply.root_id!, reply.id);
    loaded.set(reply.root_id!, (loaded.get(reply.root_id!) ?? 0) + 1);
  }
  const totals = await repo.countReplies(db, roots.map((root) => root.id), visible);
  const cut: Record<string, number> = {};
  for (const root of roots) if ((totals.get(root.id) ?? 0) > (loaded.get(root.id) ?? 0)) cut[root.id] = lastLoaded.get(root.id) ?? root.id;
  return cut;
}

/** One page of a thread's replies after `after` (a reply in it; by default its top-level comment). */
async function repliesPage(db: Db, viewer: CurrentUser | null, rootId: number, after: repo.CommentWithAuthor, limit: number) {
  const rows = await repo.listRepliesAfter(db, rootId, after, listedFor(viewer), limit + 1);
  const shown = rows.slice(0, limit);
  return { replies: await viewsFor(db, viewer, shown), nextAfter: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

/** The thread of comment `id`, continued after reply `afterId`: for "Show more replies". */
export async function getReplies(db: Db, viewer: CurrentUser | null, id: number, afterId?: number): Promise<RepliesPage> {
  const { row } = await loadTarget(db, viewer, id);
  const rootId = row.root_id ?? row.id;
  const after = afterId === undefined || afterId === rootId ? await repo.findComment(db, rootId) : await repo.findComment(db, afterId);
  if (!after || (after.id !== rootId && after.root_id !== rootId)) throw badRequest('That reply is not in this thread.', 'after');
  return repliesPage(db, viewer, rootId, after, REPLIES_PAGE);
}

/** One comment with its thread: the top-level comment, the first replies and the comment itself wherever it is. */
export async function getPermalink(db: Db, viewer: CurrentUser | null, id: number): Promise<CommentPermalink> {
  const { row } = await loadTarget(db, viewer, id);
  const rootId = row.root_id ?? row.id;
  const root = row.root_id === null ? row : await repo.findComment(db, rootId);
  const [rootView] = root ? await viewsFor(db, viewer, [root]) : [];
  const first = await repliesPage(db, viewer, rootId, root ?? row, MAX_REPLIES);
  const thread = [...(rootView ? [rootView] : []), ...first.replies];
  let comment = thread.find((view) => view.id === id);
  if (!comment) {
    // Past the first page: shown after it, so a link to any reply always finds it.
    comment = (await viewsFor(db, viewer, [row]))[0]!;
    thread.push(comment);
  }
  return { comment, thread, moreReplies: first.nextAfter };
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
