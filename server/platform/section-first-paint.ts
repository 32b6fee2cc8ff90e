import escapeHtml from 'escape-html';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FIRST_PAINT_ID, PAGE_DATA_ID, type SectionPageData } from '../contracts/first-paint';

/**
 * A signed-out first visit to a section page gets its text in the HTML itself: the section's
 * rendered Markdown (already cached by the server) is on screen before any script has run, and
 * the two API reads the page would make come inline, so the app takes over without a fetch.
 * Everything comes from the public API read without a session, so it is exactly what any
 * signed-out reader may see.
 */

/** Reads one API URL as a signed-out visitor from the same address (their rate limit counts it). */
async function readSignedOut<T>(app: FastifyInstance, request: FastifyRequest, url: string): Promise<T | undefined> {
  const response = await app.inject({ method: 'GET', url, remoteAddress: request.ip, headers: { accept: 'application/json' } });
  return response.statusCode === 200 ? (response.json() as T) : undefined;
}

/**
 * JSON that can sit inside `<script type="application/json">`: with `<` escaped no text can
 * close the element or open a comment, and the parsed value is unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The reading view as the app lays it out (styles in client/styles/global.css, `.first-paint`). */
function readingView({ section, consultation }: SectionPageData): string {
  return (
    `<div id="${FIRST_PAINT_ID}" class="first-paint">` +
    '<header><div class="bar"><a class="brand" href="/">Agora</a><span>Public consultations</span></div></header>' +
    `<main><p><a href="/c/${escapeHtml(consultation.slug)}">${escapeHtml(consultation.title)}</a></p>` +
    `<h1>${escapeHtml(section.title)}</h1>` +
    // The revision's HTML is the server's own sanitised rendering, as the app shows it.
    `<div class="reading"><article class="prose">${section.revision.html}</article></div></main></div>`
  );
}

/** The app's `index.html` with the section's text and data in it, or undefined when the section is not public. */
export async function sectionFirstPaint(
  app: FastifyInstance,
  request: FastifyRequest,
  shell: string,
  page: { consultation: string; section: string },
): Promise<string | undefined> {
  const base = `/api/consultations/${page.consultation}`;
  const [sectionRead, consultationRead] = await Promise.all([
    readSignedOut<Pick<SectionPageData, 'section'>>(app, request, `${base}/sections/${page.section}`),
    readSignedOut<Pick<SectionPageData, 'consultation'>>(app, request, base),
  ]);
  if (!sectionRead || !consultationRead) return undefined;
  const data: SectionPageData = { section: sectionRead.section, consultation: consultationRead.consultation };
  // The title the page gives itself (setPageTitle), so it is right before the script runs.
  const title = `${data.section.title} — ${data.consultation.title} — Agora`;
  // The shell's own markers are replaced before any of the section's text is in it.
  return shell
    .replace('</body>', () => `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(data)}</script></body>`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`)
    .replace('<agora-app>', () => `<agora-app>${readingView(data)}`);
}
