// A worker thread starts outside tsx's loader: register it, then load the TypeScript renderer.
import { register } from 'tsx/esm/api';

register();
const { renderDocument } = await import('./render.ts');

/** One task: a Markdown document rendered into HTML and blocks (see render.ts). */
export default function render(markdown) {
  return renderDocument(markdown);
}
