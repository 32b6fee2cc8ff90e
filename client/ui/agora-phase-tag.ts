import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Phase } from '../../server/contracts/consultations';
import { PHASE_LABELS } from './format';
import { sharedStyles } from './shared-styles';

/** A coloured label for a consultation's phase. */
@customElement('agora-phase-tag')
export class AgoraPhaseTag extends LitElement {
  static override styles = [sharedStyles];
  @property() phase: Phase = 'open';

  override render() {
    return html`<span class="tag ${this.phase}">${PHASE_LABELS[this.phase]}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-phase-tag': AgoraPhaseTag;
  }
}
