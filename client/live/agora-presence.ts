import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PresenceFrame } from '../../server/contracts/live';
import { sharedStyles } from '../ui/shared-styles';

const people = (n: number) => (n === 1 ? '1 person is' : `${n} people are`);
const names = (list: string[]) => (list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);

/** Who else is on this section: how many are reading it, and who is editing it or reviewing a proposal. */
@customElement('agora-presence')
export class AgoraPresence extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: inline; font-size: 0.95rem; }
      .editing { font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) presence?: PresenceFrame;

  override render() {
    const presence = this.presence;
    if (!presence) return nothing;
    return html`<span class="muted">${people(presence.viewers)} reading this section.</span>
      ${presence.editing.length > 0 ? html` <span class="editing">${names(presence.editing)} ${presence.editing.length === 1 ? 'is' : 'are'} editing it.</span>` : nothing}
      ${presence.reviewing.length > 0 ? html` <span>${names(presence.reviewing)} ${presence.reviewing.length === 1 ? 'is' : 'are'} reviewing a proposed edit.</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-presence': AgoraPresence;
  }
}
