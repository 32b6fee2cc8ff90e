import { LARGE_DOCUMENT } from '../markdown/render';
import { renderDocumentOffThread } from '../markdown/render-off-thread';

/**
 * Renders the text a write is about to publish before the write transaction starts. Publishing
 * renders inside the transaction, where every other writer waits; a long text rendered here (on
 * the render thread) is found in the render cache there instead. `textToPublish` works the text
 * out without the lock; when it refuses, the write itself meets the same refusal and reports it.
 * A long text too costly to render is refused here, before anything is locked; short texts cost
 * less than the check and are left to the write.
 */
export async function renderBeforeLock(field: string, textToPublish: () => Promise<string>): Promise<void> {
  let text: string;
  try {
    text = await textToPublish();
  } catch {
    return;
  }
  if (text.length >= LARGE_DOCUMENT) await renderDocumentOffThread(text, field);
}
