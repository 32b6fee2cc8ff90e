import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../contracts/live';
import type { CurrentUser } from '../auth/current-user';

export type Activity = 'reading' | 'editing' | 'reviewing';

/** One open socket: who is behind it, what it watches, and whether it keeps up. */
export class LiveConnection {
  readonly channels = new Set<string>();
  /** What the person is doing per section channel (for presence). */
  readonly activities = new Map<string, Activity>();
  alive = true;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    public user: CurrentUser | null,
    readonly sessionToken: string | null,
    private readonly maxBufferedBytes: number,
    private readonly onTooSlow: (connection: LiveConnection) => void,
  ) {}

  send(message: ServerMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends an already serialised frame; a client that stopped reading is cut off instead of buffered. */
  sendRaw(frame: string): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.onTooSlow(this);
      return;
    }
    this.socket.send(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    // A socket that cannot even complete the closing handshake is dropped.
    setTimeout(() => this.socket.terminate(), 2_000).unref();
  }
}
