import WebSocket from 'ws';
import type { BenchContext } from './benchmark';

/**
 * Many websocket clients in the loader's process (not the server's), counting the messages they
 * receive, so a benchmark can time "until the last viewer has it".
 */
export interface ViewerFleet {
  /**
   * Resolves with performance.now() at the moment every viewer has received one more counted
   * message. Call it before triggering the message; one message per viewer at a time.
   */
  nextMessageOnAll(): Promise<number>;
  /** Size of the last counted message a viewer received (to size a baseline's message alike). */
  readonly lastMessageBytes: number;
  /** Counted messages received so far, by all viewers together. */
  readonly received: number;
  /** Opens `count` more viewers with the same options. */
  add(count: number): Promise<void>;
  readonly size: number;
}

export interface ViewerOptions {
  /** Sent as the `Origin` header, as a browser does (Agora refuses live upgrades without it). */
  readonly origin?: string;
  /**
   * Sent once the socket is open; the viewer counts as connected when a message starting with
   * `ackPrefix` has arrived (Agora: `{"type":"subscribe",…}` answered by `{"type":"subscribed"`).
   */
  readonly subscribe?: { readonly message: string; readonly ackPrefix: string };
  /** Which messages `nextMessageOnAll` counts (default: all). Agora also sends hello and presence frames. */
  readonly counts?: (data: Buffer) => boolean;
}

/** Opening this many at once stays under the server's listen backlog (511 by default). */
const CONNECT_BATCH = 100;

export async function connectViewers(context: BenchContext, url: string, count: number, options: ViewerOptions = {}): Promise<ViewerFleet> {
  const sockets: WebSocket[] = [];
  context.defer(() => {
    for (const socket of sockets) socket.terminate();
  });

  let awaited = 0;
  let lastMessageBytes = 0;
  let received = 0;
  let arrived: ((at: number) => void) | undefined;
  const onMessage = (raw: WebSocket.RawData) => {
    const data = raw as Buffer; // binaryType is 'nodebuffer'
    if (options.counts && !options.counts(data)) return;
    received += 1;
    lastMessageBytes = data.length;
    if (!arrived) return;
    awaited -= 1;
    if (awaited === 0) {
      arrived(performance.now());
      arrived = undefined;
    }
  };

  const open = (): Promise<void> => {
    // The loader need not re-check the server's UTF-8; skipping it keeps the loader's share small.
    const socket = new WebSocket(url, { skipUTF8Validation: true, ...(options.origin ? { origin: options.origin } : {}) });
    sockets.push(socket);
    socket.on('message', onMessage);
    return ready(socket, options.subscribe);
  };

  const fleet: ViewerFleet = {
    nextMessageOnAll() {
      if (arrived) throw new Error('already waiting for a message on all viewers');
      awaited = sockets.length;
      return new Promise((resolve) => (arrived = resolve));
    },
    get lastMessageBytes() {
      return lastMessageBytes;
    },
    get received() {
      return received;
    },
    get size() {
      return sockets.length;
    },
    async add(more) {
      for (let start = 0; start < more; start += CONNECT_BATCH) {
        await Promise.all(Array.from({ length: Math.min(CONNECT_BATCH, more - start) }, open));
      }
    },
  };
  await fleet.add(count);
  return fleet;
}

function ready(socket: WebSocket, subscribe: ViewerOptions['subscribe']): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      if (!subscribe) return resolve();
      const onAck = (raw: WebSocket.RawData) => {
        if (!(raw as Buffer).toString('utf8', 0, subscribe.ackPrefix.length).startsWith(subscribe.ackPrefix)) return;
        socket.off('message', onAck);
        resolve();
      };
      socket.on('message', onAck);
      socket.send(subscribe.message);
    });
  });
}
