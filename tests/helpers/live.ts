import WebSocket from 'ws';
import type { ServerMessage } from '../../server/contracts/live';

/** A live-channel client for tests: records every frame and waits for the ones a test expects. */
export class LiveTestClient {
  readonly messages: ServerMessage[] = [];
  private waiters: { predicate: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as ServerMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.predicate(message) ? (w.resolve(message), false) : true));
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve((this.closeCode = code))));
  }

  /** Opens a socket to `/api/live` on a listening server; resolves once the server said hello. */
  static async connect(baseUrl: string, options: { origin: string; cookie?: string }): Promise<LiveTestClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: { origin: options.origin, ...(options.cookie ? { cookie: options.cookie } : {}) } });
    const client = new LiveTestClient(socket);
    await Promise.race([client.next((m) => m.type === 'hello'), new Promise((_, reject) => socket.once('error', reject))]);
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first frame (already received or still to come) matching the predicate. */
  next<T extends ServerMessage>(predicate: (m: ServerMessage) => boolean, timeoutMs = 5_000): Promise<T> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching live frame within ${timeoutMs} ms; last: ${JSON.stringify(this.messages.slice(-3)).slice(0, 500)}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m as T)) });
    });
  }

  async subscribe(channel: string, since?: number): Promise<void> {
    this.send({ type: 'subscribe', channels: [channel], ...(since === undefined ? {} : { since }) });
    await this.next((m) => m.type === 'subscribed' && m.channel === channel);
  }

  /** Event frames received so far, in arrival order. */
  events() {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event');
  }

  close(): void {
    this.socket.terminate();
  }
}
