import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceFrame } from '../../server/contracts/live';
import { type Activity, type ChannelHandlers, live } from './live-client';

/**
 * Keeps its host subscribed to one live channel while connected. The channel and starting seq
 * come from getters, so when the host shows another section it moves to that section's channel.
 */
export class LiveChannelController implements ReactiveController {
  presence: PresenceFrame | undefined;
  private current?: { channel: string; unsubscribe: () => void };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => { channel: string; since: number } | undefined,
    private readonly handlers: ChannelHandlers,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.target();
    if (target?.channel === this.current?.channel) return;
    this.stop();
    if (!target) return;
    const unsubscribe = live.subscribe(target.channel, target.since, {
      ...this.handlers,
      onPresence: (presence) => {
        this.presence = presence;
        this.handlers.onPresence?.(presence);
        this.host.requestUpdate();
      },
    });
    this.current = { channel: target.channel, unsubscribe };
  }

  hostDisconnected(): void {
    this.stop();
  }

  setActivity(activity: Activity): void {
    if (this.current) live.setActivity(this.current.channel, activity);
  }

  private stop(): void {
    this.current?.unsubscribe();
    this.current = undefined;
    this.presence = undefined;
  }
}
