import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { MAX_MESSAGES_PER_SECOND, type ServerMessage } from '../../contracts/live';
import type { CurrentUser } from '../auth/current-user';

export type Activity = 'reading' | 'editing' | 'reviewing';

/** One open socket: who is behind it, what it watches, and whether it keeps up. */
export class LiveConnection {
  readonly channels = new Set<string>();
  /** What the person is doing per section channel (for presence). */
  readonly activities = new Map<string, Activity>();
  alive = true;
  closed = false;
  private held = false;
  /** Token bucket for client messages: refills at MAX_MESSAGES_PER_SECOND, holds a burst of twice that. */
  private messageTokens = 2 * MAX_MESSAGES_PER_SECOND;
  private tokensCountedAt = Date.now();

  constructor(
    readonly socket: WebSocket,
    public user: CurrentUser | null,
    readonly sessionToken: string | null,
    private readonly maxBufferedBytes: number,
    private readonly onTooSlow: (connection: LiveConnection) => void,
    /** The TCP stream under the websocket, when there is one (not under `injectWS`), for `hold`. */
    private readonly stream?: Writable,
  ) {}

  /** Takes one message's token; false when the client sends faster than the limit allows. */
  takeMessageToken(): boolean {
    const now = Date.now();
    this.messageTokens = Math.min(2 * MAX_MESSAGES_PER_SECOND, this.messageTokens + ((now - this.tokensCountedAt) / 1000) * MAX_MESSAGES_PER_SECOND);
    this.tokensCountedAt = now;
    if (this.messageTokens < 1) return false;
    this.messageTokens -= 1;
    return true;
  }

  send(message: ServerMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  /**
   * Sends an already serialised frame; a client that stopped reading is cut off instead of buffered.
   * A Buffer (one per audience, shared by every socket) is sent as text without being re-encoded.
   */
  sendRaw(frame: string | Buffer): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.onTooSlow(this);
      return;
    }
    this.socket.send(frame, { binary: false });
  }

  /**
   * Frames sent from now until `release` leave in one write (one system call) instead of one
   * each: with group commit, one dispatch carries several events to the same sockets, and a
   * system call per frame was most of a comment write's fan-out to 100 viewers.
   */
  hold(): void {
    if (this.held || !this.stream) return;
    this.held = true;
    this.stream.cork();
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.stream!.uncork();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    // A socket that cannot even complete the closing handshake is dropped.
    setTimeout(() => this.socket.terminate(), 2_000).unref();
  }
}
