import type { AnchorInput, CommentView, CreateCommentBody } from '../../server/contracts/comments';
import type { SectionDetail } from '../../server/contracts/consultations';
import type { App } from '../../server/platform/fastify';
import type { Actor } from './users';

export const SECTION_URL = '/api/consultations/test-consultation/sections/governance';
export const COMMENTS_URL = `${SECTION_URL}/comments`;

/** Posts a comment as `actor` (to the default test section unless `url` says otherwise); invalid payloads allowed. */
export async function post(actor: Actor, body: Partial<CreateCommentBody> | Record<string, unknown>, url = COMMENTS_URL) {
  return actor.inject({ method: 'POST', url, payload: { kind: 'general', body: 'A comment.', ...body } });
}

/** Posts and returns the created comment, failing loudly if the server refused it. */
export async function postOk(actor: Actor, body: Partial<CreateCommentBody>, url = COMMENTS_URL): Promise<CommentView> {
  const response = await post(actor, body, url);
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
  return response.json().comment;
}

export async function sectionBlocks(app: App, url = SECTION_URL): Promise<SectionDetail['revision']['blocks']> {
  return (await app.inject(url)).json().section.revision.blocks;
}

/** An anchor on the first occurrence of `quote` in the block whose text contains it. */
export async function anchorOn(app: App, quote: string, url = SECTION_URL): Promise<AnchorInput> {
  const block = (await sectionBlocks(app, url)).find((b) => b.text.includes(quote));
  if (!block) throw new Error(`no block contains "${quote}"`);
  const start = block.text.indexOf(quote);
  return { blockId: block.id, exact: quote, start, end: start + quote.length };
}
