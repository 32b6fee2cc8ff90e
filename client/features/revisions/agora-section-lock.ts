import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SectionLock } from '../../../server/contracts/revisions';
import '../../ui/agora-text-field';
import { formatDate } from '../../ui/format';
import { type FormError, formErrorsFrom } from '../../ui/form-errors';
import { sharedStyles } from '../../ui/shared-styles';
import { setLock } from './revisions-api';

/**
 * Whether a section takes suggested edits, and for editors the switch: lock it (with a reason
 * readers see) or unlock it. Editors can still edit a locked section. Fires `lock-changed` {lock}.
 */
@customElement('agora-section-lock')
export class AgoraSectionLock extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .status { border-left: 5px solid var(--agora-border); padding-left: var(--agora-space-3); }
      .status.locked { border-color: var(--agora-text); }
      form { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: end; }
      agora-text-field { flex: 1 1 18rem; margin-bottom: 0; }
      .message { color: var(--agora-error); font-weight: 700; }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  @property({ attribute: false }) lock: SectionLock = null;
  /** Whether the viewer may lock and unlock (an editor). */
  @property({ type: Boolean }) editable = false;

  @state() private busy = false;
  @state() private errors: FormError[] = [];

  override render() {
    const lock = this.lock;
    return html`
      <p class="status ${lock ? 'locked' : ''}" role="status">
        ${lock
          ? html`<strong>Locked:</strong> this section is not taking suggested edits${lock.by ? ` (locked by ${lock.by.displayName} on ${formatDate(lock.at)})` : ''}.${lock.reason
              ? html` Reason: ${lock.reason}`
              : nothing}`
          : 'This section is open to suggested edits.'}
      </p>
      ${this.errors.map((e) => html`<p class="message" role="alert">${e.message}</p>`)}
      ${this.editable ? (lock ? html`<button class="secondary" ?disabled=${this.busy} @click=${() => this.change(false)}>Unlock this section</button>` : this.renderLockForm()) : nothing}
    `;
  }

  private renderLockForm() {
    return html`<form @submit=${(e: SubmitEvent) => this.submitLock(e)}>
      <agora-text-field name="reason" id="reason" label="Reason for locking (optional)" hint="Readers see this. For example: final wording agreed."></agora-text-field>
      <button class="secondary" ?disabled=${this.busy}>Lock against suggested edits</button>
    </form>`;
  }

  private submitLock(event: SubmitEvent): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    void this.change(true, reason || undefined);
  }

  private async change(locked: boolean, reason?: string): Promise<void> {
    this.busy = true;
    try {
      this.lock = await setLock(this.consultation, this.section, locked, reason);
      this.errors = [];
      this.dispatchEvent(new CustomEvent('lock-changed', { detail: { lock: this.lock }, bubbles: true, composed: true }));
    } catch (error) {
      this.errors = formErrorsFrom(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-lock': AgoraSectionLock;
  }
}
