import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The niceness of background threads: the event loop (nice 0) gets the CPU first when both want it. */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the priority of the calling worker thread only (Linux keeps a nice value per thread, and
 * `/proc/thread-self` names the caller's thread id). Called once at the top of a worker, so a
 * password hash never delays the requests the main thread is answering. Not for work with a
 * wall-clock budget (renders): on a machine busy with other programs a niced thread gets a tenth of
 * a core and would run out of time. Elsewhere
 * than Linux it does nothing: the thread keeps its priority.
 */
export function lowerThisThreadPriority() {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (threadId !== process.pid) setPriority(threadId, BACKGROUND_NICENESS);
  } catch {
    // No /proc (not Linux): nothing to lower.
  }
}
