import { Feed } from 'feed';
import { Type } from 'typebox';
import type { CommentKind } from '../../contracts/comments';
import { ErrorBody } from '../../contracts/errors';
import { ConsultationParams, SectionParams } from '../../contracts/params';
import type { Db } from '../../db/database';
import type { ConsultationRow } from '../../db/schema';
import type { App } from '../../platform/fastify';
import { requireConsultation, requireSection } from '../consultations/consultations.service';
import { toCommentRecord } from './comments.presenter';
import { latestComments } from './comments.repository';
import { presentCommentFor, readableBy } from './comments.policy';

/** Entries per feed. */
const FEED_SIZE = 50;
const ATOM = 'application/atom+xml; charset=utf-8';

const KIND_TITLES: Record<CommentKind, string> = {
  support: 'Support',
  object: 'Objection',
  question: 'Question',
  suggestion: 'Suggestion',
  evidence: 'Evidence',
  general: 'Comment',
};

// Characters XML 1.0 does not allow at all; the `feed` package passes them through.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (text: string): string => text.replace(NOT_XML, '');
/**
 * Entry content goes out in a CDATA section, and `feed` (through xml-js) splits only the first
 * `]]>` in it: a second one would end the section early. In HTML, `&gt;` is the same character.
 */
const cdataHtml = (html: string): string => xmlText(html).replaceAll(']]>', ']]&gt;');

/** Entry titles are emitted as HTML (`type="html"`) without escaping, so escape them here. */
function escapeHtml(text: string): string {
  return xmlText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const shorten = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

interface FeedScope {
  consultation: ConsultationRow;
  sectionId?: number;
  title: string;
  pagePath: string;
  feedPath: string;
}

/** Newest visible comments as Atom. Feeds are public, so they show what a signed-out reader sees. */
async function buildFeed(db: Db, origin: string, scope: FeedScope): Promise<string> {
  const rows = await latestComments(db, { consultationId: scope.consultation.id, sectionId: scope.sectionId }, readableBy(null), FEED_SIZE);
  const feed = new Feed({
    id: `${origin}${scope.feedPath}`,
    title: xmlText(scope.title),
    link: `${origin}${scope.pagePath}`,
    feedLinks: { atom: `${origin}${scope.feedPath}` },
    updated: new Date(rows[0]?.created_at ?? scope.consultation.updated_at),
    generator: 'Agora',
    language: 'en-GB',
  });
  for (const row of rows) {
    const comment = presentCommentFor(null, toCommentRecord(row));
    if (!comment?.author) continue;
    const where = comment.anchor ? `“${shorten(comment.anchor.quote, 80)}” in ${row.section_title}` : row.section_title;
    const link = `${origin}/c/${scope.consultation.slug}/${row.section_slug}#comment-${comment.id}`;
    feed.addItem({
      title: escapeHtml(`${KIND_TITLES[comment.kind]} by ${comment.author.displayName} on ${where}`),
      id: link,
      link,
      date: new Date(comment.editedAt ?? comment.createdAt),
      published: new Date(comment.createdAt),
      content: cdataHtml(comment.html),
      author: [{ name: xmlText(comment.author.displayName) }],
    });
  }
  return feed.atom1();
}

export async function commentFeedsRoutes(app: App): Promise<void> {
  const feedSchema = { tags: ['comments'], produces: ['application/atom+xml'], response: { 200: Type.String(), 400: ErrorBody, 404: ErrorBody } };

  app.get('/feeds/consultations/:c/comments.atom', { schema: { ...feedSchema, params: ConsultationParams } }, async (request, reply) => {
    const consultation = await requireConsultation(app.db, request.params.c);
    const xml = await buildFeed(app.db, app.config.siteOrigin, {
      consultation,
      title: `Comments on ${consultation.title}`,
      pagePath: `/c/${consultation.slug}`,
      feedPath: `/feeds/consultations/${consultation.slug}/comments.atom`,
    });
    return reply.type(ATOM).send(xml);
  });

  app.get('/feeds/consultations/:c/sections/:s/comments.atom', { schema: { ...feedSchema, params: SectionParams } }, async (request, reply) => {
    const { consultation, section } = await requireSection(app.db, request.params.c, request.params.s);
    const xml = await buildFeed(app.db, app.config.siteOrigin, {
      consultation,
      sectionId: section.id,
      title: `Comments on ${section.title} — ${consultation.title}`,
      pagePath: `/c/${consultation.slug}/${section.slug}`,
      feedPath: `/feeds/consultations/${consultation.slug}/sections/${section.slug}/comments.atom`,
    });
    return reply.type(ATOM).send(xml);
  });
}
