import Piscina from 'piscina';
import { HttpError, badRequest } from '../platform/errors';
import { refuseCostlyMarkdown } from './limits';
import { LARGE_DOCUMENT, rememberRendered, type RenderedDocument, renderDocument, renderedLately } from './render';

/**
 * Large documents render on a worker thread, so a 100 KB text (half a second of remark) never
 * stalls the requests of everyone else, and a text that takes too long is refused instead of
 * holding a thread. Small texts render here: a task costs more than they do.
 */
/**
 * Far above the ~0.5 s a 100 KB legal text takes here, and above a cold thread's start (~1 s, 4 s
 * on a loaded machine): only hostile shapes get near it.
 */
export const RENDER_BUDGET_MS = 10_000;
/** Waiting tasks beyond this are refused at once rather than queued for minutes. */
const MAX_QUEUE = 32;

let pool: Piscina | undefined;
function renderPool(): Piscina {
  // One thread on top of the event loop's: rendering for everyone shares one core, the other serves requests.
  pool ??= new Piscina({ filename: new URL('./render-worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: 1, maxQueue: MAX_QUEUE, idleTimeout: 30_000 });
  return pool;
}

/** Renders `markdown` like `renderDocument`, off the event loop when it is large; 400 naming `field` when it is too costly. */
export async function renderDocumentOffThread(markdown: string, field: string, budgetMs = RENDER_BUDGET_MS): Promise<RenderedDocument> {
  refuseCostlyMarkdown(markdown, field);
  if (markdown.length < LARGE_DOCUMENT) return renderDocument(markdown);
  const cached = renderedLately(markdown);
  if (cached) return cached;
  let rendered: RenderedDocument;
  try {
    rendered = await renderPool().run(markdown, { signal: AbortSignal.timeout(budgetMs) });
  } catch (error) {
    if (isTimeout(error)) throw badRequest('This text takes too long to display. Split it into shorter sections or simplify its formatting.', field, 'markdown_too_complex');
    if (isQueueFull(error)) throw new HttpError(429, 'rate_limited', 'Many long texts are being displayed right now. Try again in a moment.');
    throw error;
  }
  rememberRendered(markdown, rendered);
  return rendered;
}

/** Stops the worker (at shutdown, so the process can exit). */
export async function closeRenderPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function isQueueFull(error: unknown): boolean {
  return error instanceof Error && /queue is at limit/i.test(error.message);
}
