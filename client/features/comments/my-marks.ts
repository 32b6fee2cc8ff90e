import type { CommentList } from '../../../server/contracts/comments';

/**
 * A page of comments with the reader's own marks (`mine`: endorsed, reported, followed threads)
 * set on its comments, as the server sets them on a page read for one viewer. A signed-in reader
 * mostly gets the page everyone shares, with their marks beside it.
 */
export function withMyMarks(list: CommentList): CommentList {
  const { mine } = list;
  if (!mine) return list;
  const [endorsed, reported, followed] = [new Set(mine.endorsed), new Set(mine.reported), new Set(mine.followed)];
  const comments = list.comments.map((comment) => ({
    ...comment,
    endorsedByMe: endorsed.has(comment.id),
    reportedByMe: reported.has(comment.id),
    ...(comment.parentId === null ? { followedByMe: followed.has(comment.id) } : {}),
  }));
  return { ...list, comments };
}
