import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Phase } from '../../../server/contracts/consultations';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { canManage } from './consultations-api';

/** At the foot of a consultation's page: its change log and outcome for everyone, and managing it for editors. */
@customElement('agora-consultation-links')
export class AgoraConsultationLinks extends LitElement {
  static override styles = [sharedStyles, css`ul { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); list-style: none; padding: 0; }`];

  @property() slug = '';
  @property() phase: Phase = 'open';
  private readonly session = new SessionController(this);

  override render() {
    return html`<h2>About this consultation</h2>
      <ul>
        ${this.phase === 'outcome' ? html`<li><a href="/c/${this.slug}/outcome">The outcome</a></li>` : nothing}
        <li><a href="/c/${this.slug}/changes">Change log</a></li>
        ${canManage(this.session.user) ? html`<li><a href="/c/${this.slug}/manage">Manage this consultation</a></li>` : nothing}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-links': AgoraConsultationLinks;
  }
}
