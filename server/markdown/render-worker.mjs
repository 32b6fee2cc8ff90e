// A worker thread starts outside tsx's loader: register it, then load the TypeScript renderer.
import { register } from 'tsx/esm/api';

register();
const { renderDocument } = await import('./render.ts');
const { lowerThisThreadPriority } = await import('../platform/thread-priority.mjs');

// A 100 KB render takes half a second of CPU: the event loop comes first.
lowerThisThreadPriority();

/** One task: a Markdown document rendered into HTML and blocks (see render.ts). */
export default function render(markdown) {
  return renderDocument(markdown);
}
