import type { FastifyBaseLogger } from 'fastify';
import { LIVE_CLOSE, LIVE_PROTOCOL_VERSION, MAX_REPLAY_EVENTS, MAX_SUBSCRIPTIONS_PER_SOCKET, type PresenceFrame, USER_CHANNEL_PREFIX } from '../../contracts/live';
import type { ClientMessage } from '../../contracts/live-messages';
import type { Db } from '../../db/database';
import { hasMoreEventsThan, type LoggedEvent, latestSeq, oldestSeq, readEventsAfter } from '../../events/event-log';
import { yieldIfSliceSpent } from '../../platform/time-slices';
import { pruneEvents } from './event-retention';
import { type EventFilter, filterFor, withCurrentComments } from './event-filters';
import { isSectionChannel, mayWatch } from './channel.policy';
import type { LiveConnection } from './live-connection';
import { refreshConnectionUser } from './account-changes';
import { PRESENCE_REFRESH_MS, type PresenceSummary, SharedPresence } from './shared-presence';

const BATCH = 1_000;
// Held frames go out at least this often: bytes held on a socket count against its send buffer's limit.
const EVENTS_PER_RELEASE = 50;
const PRESENCE_DELAY_MS = 250;

export interface LiveHubOptions {
  heartbeatMs: number;
  retentionDays: number;
}

/**
 * Streams the event log to sockets. Reading the log and replaying to a new subscriber run on one
 * queue, so a subscriber gets (since, cursor] by replay and everything after by dispatch: no gap,
 * no duplicate. The events table is the source of truth; `wake()` only says "read it now".
 */
export class LiveHub {
  private cursor = 0;
  private queue: Promise<void> = Promise.resolve();
  private wakePending = false;
  private readonly connections = new Set<LiveConnection>();
  private readonly watchers = new Map<string, Set<LiveConnection>>();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  /** Channels whose next presence broadcast must also be reported to the other instances. */
  private readonly presenceChanged = new Set<string>();
  private readonly shared: SharedPresence;
  /** Connections holding frames back during this dispatch turn (see LiveConnection.hold). */
  private readonly held = new Set<LiveConnection>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Db,
    private readonly options: LiveHubOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.shared = new SharedPresence(db, (channel) => this.schedulePresence(channel, false));
  }

  async start(): Promise<void> {
    this.cursor = await latestSeq(this.db);
    this.timers = [
      setInterval(() => this.heartbeat(), this.options.heartbeatMs),
      setInterval(() => this.enqueue(() => pruneEvents(this.db, this.options.retentionDays).then(() => undefined)), 60 * 60 * 1000),
      setInterval(() => {
        for (const channel of this.watchers.keys()) if (isSectionChannel(channel)) this.shared.report(channel, this.localPresence(channel));
      }, PRESENCE_REFRESH_MS),
    ];
    for (const timer of this.timers) timer.unref();
  }

  async stop(): Promise<void> {
    for (const timer of [...this.timers, ...this.presenceTimers.values()]) clearInterval(timer);
    for (const channel of this.watchers.keys()) if (isSectionChannel(channel)) this.shared.report(channel, { viewers: 0, editing: [], reviewing: [] });
    this.shared.stop();
    for (const connection of this.connections) connection.close(LIVE_CLOSE.goingAway, 'server shutting down');
    await this.queue;
  }

  /** Resolves once every queued read and dispatch has finished (tests and shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }

  get viewerCount(): number {
    return this.connections.size;
  }

  add(connection: LiveConnection): void {
    this.connections.add(connection);
    const user = connection.user ? { username: connection.user.username, role: connection.user.role } : null;
    connection.send({ type: 'hello', version: LIVE_PROTOCOL_VERSION, seq: this.cursor, user });
  }

  remove(connection: LiveConnection): void {
    this.connections.delete(connection);
    for (const channel of connection.channels) this.unwatch(connection, channel);
  }

  /** Something committed new events: read and dispatch them (coalesced). */
  wake(): void {
    if (this.wakePending) return;
    this.wakePending = true;
    this.enqueue(async () => {
      this.wakePending = false;
      for (;;) {
        const events = await withCurrentComments(this.db, await readEventsAfter(this.db, this.cursor, BATCH));
        // Holding frames back pays where a channel has several events (writes committed
        // together); a lone event goes straight out, so its first viewers are not kept waiting.
        const perChannel = new Map<string, number>();
        for (const event of events) perChannel.set(event.channel, (perChannel.get(event.channel) ?? 0) + 1);
        for (const [index, event] of events.entries()) {
          this.dispatch(event, perChannel.get(event.channel)! > 1);
          this.cursor = event.seq;
          // Sending shares the write work's slices, so requests waiting meanwhile are not held up.
          const nextTurn = yieldIfSliceSpent();
          if (nextTurn || index % EVENTS_PER_RELEASE === EVENTS_PER_RELEASE - 1) this.releaseHeld();
          if (nextTurn) await nextTurn;
        }
        this.releaseHeld();
        if (events.length < BATCH) break;
      }
    });
  }

  handle(connection: LiveConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'subscribe':
        this.enqueue(() => this.subscribe(connection, message.channels, message.since));
        break;
      case 'unsubscribe':
        for (const channel of message.channels) this.unwatch(connection, channel);
        break;
      case 'presence':
        if (!connection.channels.has(message.channel) || !isSectionChannel(message.channel)) {
          connection.send({ type: 'error', code: 'not_subscribed', message: 'Subscribe to a section before announcing presence.', channel: message.channel });
          return;
        }
        connection.activities.set(message.channel, message.activity);
        this.schedulePresence(message.channel);
        break;
      case 'ping':
        connection.send({ type: 'pong' });
        break;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error) => this.log.error({ err: error }, 'live hub task failed'));
  }

  private async subscribe(connection: LiveConnection, channels: string[], since: number | undefined): Promise<void> {
    const allowed: string[] = [];
    for (const channel of channels) {
      const decision = mayWatch(connection.user, channel);
      if (decision.allowed) allowed.push(channel);
      else connection.send({ type: 'error', code: decision.code, message: decision.message, channel });
    }
    if (allowed.length === 0 || connection.closed) return;
    // A channel this socket already watches is acknowledged again but never replayed again.
    const fresh = allowed.filter((channel) => !connection.channels.has(channel));
    if (connection.channels.size + fresh.length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
      connection.close(LIVE_CLOSE.tooManySubscriptions, 'too many subscriptions');
      return;
    }
    if (since !== undefined && fresh.length > 0) {
      const oldest = await oldestSeq(this.db);
      // The log no longer holds everything after `since` (pruned), `since` is from another log,
      // or the history is too long to replay frame by frame: the client reloads over HTTP.
      const replayable = !(oldest > 0 && since < oldest - 1) && since <= this.cursor;
      if (!replayable || !(await this.replay(connection, fresh, since))) {
        for (const channel of fresh) connection.send({ type: 'reset', channel, seq: this.cursor });
      }
    }
    if (connection.closed) return;
    for (const channel of allowed) {
      this.watch(connection, channel);
      connection.send({ type: 'subscribed', channel, seq: this.cursor });
    }
  }

  /**
   * Sends the channels' events in (since, cursor], yielding between turns like dispatch; each
   * frame goes through the same buffered-bytes check as live traffic. False, sending nothing,
   * when there are more than MAX_REPLAY_EVENTS.
   */
  private async replay(connection: LiveConnection, channels: string[], since: number): Promise<boolean> {
    // Counted first from the index: a socket re-subscribing from 0 in a loop read 501 payloads each time only to be sent `reset`.
    if (await hasMoreEventsThan(this.db, since, this.cursor, MAX_REPLAY_EVENTS, channels)) return false;
    const logged = (await readEventsAfter(this.db, since, MAX_REPLAY_EVENTS, channels)).filter((e) => e.seq <= this.cursor);
    const events = await withCurrentComments(this.db, logged);
    for (const event of events) {
      if (connection.closed) break;
      this.sendEvent(connection, event, filterFor(event.type), new Map());
      await yieldIfSliceSpent();
    }
    return true;
  }

  private dispatch(event: LoggedEvent, hold: boolean): void {
    if (event.channel.startsWith(USER_CHANNEL_PREFIX) && event.type.startsWith('account.')) {
      this.enqueue(() => this.refreshAccount(Number(event.channel.slice(USER_CHANNEL_PREFIX.length))));
      return;
    }
    const watchers = this.watchers.get(event.channel);
    if (!watchers) return;
    const filter = filterFor(event.type);
    const frames = new Map<string, Buffer | null>();
    for (const connection of watchers) {
      if (hold) {
        connection.hold();
        this.held.add(connection);
      }
      this.sendEvent(connection, event, filter, frames);
    }
  }

  /** Sends what the held connections gathered during this dispatch turn. */
  private releaseHeld(): void {
    for (const connection of this.held) connection.release();
    this.held.clear();
  }

  /**
   * Filters the event for this viewer through the owning feature's rule; one serialisation (and
   * one encoding to bytes) per audience.
   */
  private sendEvent(connection: LiveConnection, event: LoggedEvent, filter: EventFilter, frames: Map<string, Buffer | null>): void {
    const audience = filter.audience(connection.user, event);
    let frame = frames.get(audience);
    if (frame === undefined) {
      const data = filter.present(connection.user, event);
      frame = data === null ? null : Buffer.from(JSON.stringify({ type: 'event', seq: event.seq, channel: event.channel, event: { type: event.type, data } }));
      frames.set(audience, frame);
    }
    if (frame !== null) connection.sendRaw(frame);
  }

  /** Role changes, blocks and sign-outs reach open sockets at once. */
  private async refreshAccount(userId: number): Promise<void> {
    for (const connection of this.connections) {
      if (connection.user?.id !== userId) continue;
      const stillAllowed = await refreshConnectionUser(this.db, connection);
      for (const channel of connection.channels) {
        if (!stillAllowed || !mayWatch(connection.user, channel).allowed) this.unwatch(connection, channel);
      }
    }
  }

  private watch(connection: LiveConnection, channel: string): void {
    connection.channels.add(channel);
    let set = this.watchers.get(channel);
    if (!set) this.watchers.set(channel, (set = new Set()));
    set.add(connection);
    if (isSectionChannel(channel)) this.schedulePresence(channel);
  }

  private unwatch(connection: LiveConnection, channel: string): void {
    connection.channels.delete(channel);
    connection.activities.delete(channel);
    const set = this.watchers.get(channel);
    if (!set?.delete(connection)) return;
    if (set.size === 0) this.watchers.delete(channel);
    if (isSectionChannel(channel)) this.schedulePresence(channel);
  }

  /**
   * Presence changes are coalesced per channel so 1,000 arrivals cost one broadcast, not a million
   * frames. `changedHere`: this instance's viewers changed, so the other instances are told too.
   */
  private schedulePresence(channel: string, changedHere = true): void {
    if (changedHere) this.presenceChanged.add(channel);
    if (this.presenceTimers.has(channel)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(channel);
      this.broadcastPresence(channel);
    }, PRESENCE_DELAY_MS);
    timer.unref();
    this.presenceTimers.set(channel, timer);
  }

  private localPresence(channel: string): PresenceSummary {
    const watchers = this.watchers.get(channel) ?? new Set();
    const names = (activity: string) =>
      [...new Set([...watchers].filter((c) => c.activities.get(channel) === activity && c.user).map((c) => c.user!.displayName))].sort();
    return { viewers: watchers.size, editing: names('editing'), reviewing: names('reviewing') };
  }

  private broadcastPresence(channel: string): void {
    const local = this.localPresence(channel);
    if (this.presenceChanged.delete(channel)) this.shared.report(channel, local);
    const watchers = this.watchers.get(channel);
    if (!watchers) return;
    const frame: PresenceFrame = { type: 'presence', channel, ...this.shared.combine(channel, local) };
    const serialised = JSON.stringify(frame);
    for (const connection of watchers) connection.sendRaw(serialised);
  }

  private heartbeat(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }
}
