import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { sharedStyles } from '../ui/shared-styles';
import { live, type LiveStatus } from './live-client';

const LABELS: Record<Exclude<LiveStatus, 'idle'>, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** A small indicator of the live connection: live, reconnecting or offline; nothing on pages with nothing live. */
@customElement('agora-live-status')
export class AgoraLiveStatus extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: inline-flex; align-items: center; gap: var(--agora-space-1); font-size: 0.9rem; }
      .dot { display: inline-block; flex: none; width: 0.75rem; height: 0.75rem; border-radius: 50%; background: var(--agora-border); border: 1px solid currentColor; }
      .live .dot { background: #00a05a; }
      .reconnecting .dot, .connecting .dot { background: var(--agora-focus); }
      .offline .dot { background: var(--agora-error); }
    `,
  ];

  @state() private status: LiveStatus = live.status;
  private stop?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stop = live.onStatus((status) => {
      this.status = status;
    });
  }

  override disconnectedCallback(): void {
    this.stop?.();
    super.disconnectedCallback();
  }

  override render() {
    // The live region stays in the page so that a later change of status is announced.
    const status = this.status;
    if (status === 'idle') return html`<span role="status"></span>`;
    return html`<span class=${status} role="status" title="Live updates: ${LABELS[status]}"><span class="dot" aria-hidden="true"></span> ${LABELS[status]}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-live-status': AgoraLiveStatus;
  }
}
