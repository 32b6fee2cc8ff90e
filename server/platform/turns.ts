import type { FastifyInstance } from 'fastify';

/**
 * Writes take turns with everything else on the one event loop. A comment POST costs a few
 * milliseconds in several stages (its checks, its part of a group commit, its response); when ten
 * arrived together their stages ran back to back, and a section read waited behind all of them
 * (p99 2 ms idle, 50 ms under flat-out writes). A stage that awaits `nextTurn()` runs alone in a
 * turn of the loop, after the I/O already waiting (reads among it) has been served. Stages keep
 * their arrival order, one per turn, so writes lose no throughput when nothing else waits.
 */
const waiting: (() => void)[] = [];
let releasing = false;

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!releasing) {
      releasing = true;
      setImmediate(releaseOne);
    }
  });
}

function releaseOne(): void {
  const next = waiting.shift()!;
  // Scheduled from the check phase, the next release runs in the loop's next turn, after its I/O.
  if (waiting.length > 0) setImmediate(releaseOne);
  else releasing = false;
  next();
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every request that may write waits for its turn before its handler runs. */
export function registerWriteTurns(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (!READS.has(request.method)) await nextTurn();
  });
}
