import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { canEdit, editPath, historyPath } from './revisions-api';

/** The section page's links to its history and, for editors, to editing it directly. */
@customElement('agora-section-tools')
export class AgoraSectionTools extends LitElement {
  static override styles = [sharedStyles, css`:host { display: inline-flex; flex-wrap: wrap; gap: var(--agora-space-3); }`];

  @property() consultation = '';
  @property() section = '';
  private readonly session = new SessionController(this);

  override render() {
    return html`<a href=${historyPath(this.consultation, this.section)}>History</a>
      ${canEdit(this.session.user) ? html`<a href=${editPath(this.consultation, this.section)}>Edit this section</a>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-tools': AgoraSectionTools;
  }
}
