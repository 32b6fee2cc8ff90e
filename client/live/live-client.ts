import type { LiveEventArgs, PresenceFrame, ServerMessage } from '../../server/contracts/live';

/** `idle`: the page watches no channel, so there is nothing live to report. */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';
export type Activity = 'reading' | 'editing' | 'reviewing';

export interface ChannelHandlers {
  /** Typed by `LiveEventMap`: checking `type` narrows `data`. */
  onEvent?(...event: LiveEventArgs): void;
  /** The server could not replay what was missed: reload this view from HTTP. */
  onReset?(): void;
  onPresence?(presence: PresenceFrame): void;
}

interface Subscription {
  /** Highest seq applied on this channel; resuming asks for everything after it. */
  lastSeq: number | undefined;
  handlers: Set<ChannelHandlers>;
  activity: Activity;
}

const PING_EVERY_MS = 25_000;
const SILENCE_LIMIT_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * The one live connection of the page: reconnects with exponential backoff and jitter, resumes
 * every channel from the last seq it applied (so nothing is missed), and drops any event it has
 * already applied (so nothing is shown twice).
 */
class LiveClient {
  status: LiveStatus = 'idle';
  private socket?: WebSocket;
  private readonly channels = new Map<string, Subscription>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private attempt = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private pingTimer?: ReturnType<typeof setInterval>;
  private lastHeard = 0;

  constructor() {
    window.addEventListener('online', () => this.reconnectNow());
    window.addEventListener('offline', () => this.channels.size > 0 && this.setStatus('offline'));
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Watches a channel from `since` (the seq of the HTTP snapshot the view shows). */
  subscribe(channel: string, since: number | undefined, handlers: ChannelHandlers): () => void {
    let subscription = this.channels.get(channel);
    if (!subscription) {
      subscription = { lastSeq: since, handlers: new Set(), activity: 'reading' };
      this.channels.set(channel, subscription);
      this.sendSubscribe(channel, subscription);
    }
    subscription.handlers.add(handlers);
    this.ensureConnected();
    if (this.socket?.readyState === WebSocket.OPEN && this.status === 'idle') this.setStatus('live');
    return () => {
      subscription.handlers.delete(handlers);
      if (subscription.handlers.size > 0) return;
      this.channels.delete(channel);
      this.send({ type: 'unsubscribe', channels: [channel] });
      if (this.channels.size === 0) this.setStatus('idle');
    };
  }

  /** The last seq this page has from `channel` (its snapshot's, or the last event's); undefined when not watching it. */
  position(channel: string): number | undefined {
    return this.channels.get(channel)?.lastSeq;
  }

  /** Tells others on the section what this person is doing (reading, editing, reviewing). */
  setActivity(channel: string, activity: Activity): void {
    const subscription = this.channels.get(channel);
    if (!subscription || subscription.activity === activity) return;
    subscription.activity = activity;
    this.send({ type: 'presence', channel, activity });
  }

  /** The session changed (sign-in or sign-out): reconnect so the server sees the new cookie. */
  reconnectNow(): void {
    this.attempt = 0;
    this.socket?.close();
    this.ensureConnected();
  }

  private ensureConnected(): void {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return;
    if (this.channels.size === 0) return;
    clearTimeout(this.reconnectTimer);
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${protocol}//${location.host}/api/live`);
    this.socket = socket;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    socket.addEventListener('open', () => {
      this.lastHeard = Date.now();
      for (const [channel, subscription] of this.channels) this.sendSubscribe(channel, subscription);
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.checkAlive(), PING_EVERY_MS);
    });
    socket.addEventListener('message', (message) => this.receive(JSON.parse(String(message.data)) as ServerMessage));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      clearInterval(this.pingTimer);
      this.socket = undefined;
      if (this.channels.size === 0) this.setStatus('idle');
      else this.scheduleReconnect();
    });
  }

  private checkAlive(): void {
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) this.socket?.close();
    else this.send({ type: 'ping' });
  }

  private scheduleReconnect(): void {
    if (!navigator.onLine) {
      this.setStatus('offline');
      return;
    }
    this.setStatus('reconnecting');
    // Full jitter keeps a thousand readers from reconnecting in lockstep after a restart.
    const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.ensureConnected(), ceiling / 2 + Math.random() * (ceiling / 2));
  }

  private receive(message: ServerMessage): void {
    this.lastHeard = Date.now();
    switch (message.type) {
      case 'hello':
        this.attempt = 0;
        this.setStatus(this.channels.size === 0 ? 'idle' : 'live');
        break;
      case 'subscribed': {
        const subscription = this.channels.get(message.channel);
        if (subscription && subscription.lastSeq === undefined) subscription.lastSeq = message.seq;
        break;
      }
      case 'event': {
        const subscription = this.channels.get(message.channel);
        if (!subscription || (subscription.lastSeq !== undefined && message.seq <= subscription.lastSeq)) return;
        subscription.lastSeq = message.seq;
        for (const handlers of subscription.handlers) handlers.onEvent?.(...([message.event.type, message.event.data, message.seq] as LiveEventArgs));
        break;
      }
      case 'reset': {
        const subscription = this.channels.get(message.channel);
        if (!subscription) return;
        subscription.lastSeq = message.seq;
        for (const handlers of subscription.handlers) handlers.onReset?.();
        break;
      }
      case 'presence':
        for (const handlers of this.channels.get(message.channel)?.handlers ?? []) handlers.onPresence?.(message);
        break;
      default:
        break;
    }
  }

  private sendSubscribe(channel: string, subscription: Subscription): void {
    this.send({ type: 'subscribe', channels: [channel], ...(subscription.lastSeq === undefined ? {} : { since: subscription.lastSeq }) });
    if (subscription.activity !== 'reading') this.send({ type: 'presence', channel, activity: subscription.activity });
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

export const live = new LiveClient();
