import WebSocket from 'ws';
import type { BenchContext } from './benchmark';

/**
 * Many websocket clients in the loader's process (not the server's), counting the messages they
 * receive, so a benchmark can time "until the last viewer has it".
 */
export interface ViewerFleet {
  /**
   * Resolves with performance.now() at the moment every viewer has received one more message.
   * Call it before triggering the message; one message per viewer at a time.
   */
  nextMessageOnAll(): Promise<number>;
}

/** Opening this many at once stays under the server's listen backlog (511 by default). */
const CONNECT_BATCH = 100;

export async function connectViewers(context: BenchContext, url: string, count: number): Promise<ViewerFleet> {
  const sockets: WebSocket[] = [];
  context.defer(() => {
    for (const socket of sockets) socket.terminate();
  });

  let awaited = 0;
  let arrived: ((at: number) => void) | undefined;
  const onMessage = () => {
    if (!arrived) return;
    awaited -= 1;
    if (awaited === 0) {
      arrived(performance.now());
      arrived = undefined;
    }
  };

  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, () => {
      const socket = new WebSocket(url);
      sockets.push(socket);
      socket.on('message', onMessage);
      return opened(socket);
    });
    await Promise.all(batch);
  }

  return {
    nextMessageOnAll() {
      if (arrived) throw new Error('already waiting for a message on all viewers');
      awaited = count;
      return new Promise((resolve) => (arrived = resolve));
    },
  };
}

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}
