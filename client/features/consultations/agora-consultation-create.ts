import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { canCreate, createConsultation, fromLocalInput } from './consultations-api';

/** /consultations/new: an admin opens a new consultation; editors then add its sections. */
@customElement('agora-consultation-create')
export class AgoraConsultationCreate extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      .check { display: flex; gap: var(--agora-space-2); align-items: flex-start; margin-bottom: var(--agora-space-4); }
      .check input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
      .check label { font-weight: 700; }
    `,
  ];

  private readonly form = new FormController(this, 'Create a consultation');
  private readonly session = new SessionController(this);

  override render() {
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (!canCreate(user)) {
      return html`<h1>Create a consultation</h1>
        ${user ? html`<p>Only admins can create consultations.</p>` : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> as an admin to create a consultation.</p>`}`;
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<p><a href="/manage">Run consultations</a></p>
      <h1>Create a consultation</h1>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.create(values))}>
        <agora-text-field id="title" name="title" label="Title" .error=${this.form.errorFor('title')}></agora-text-field>
        <agora-text-field
          id="slug"
          name="slug"
          label="Web address"
          hint="Lower-case letters, numbers and hyphens, for example digital-strategy-2027. It cannot be changed later."
          autocomplete="off"
          .error=${this.form.errorFor('slug')}
        ></agora-text-field>
        <agora-text-field id="summary" name="summary" label="Summary" hint="One or two sentences: what the consultation asks people about." .error=${this.form.errorFor('summary')}></agora-text-field>
        <agora-text-field id="opensAt" name="opensAt" type="datetime-local" label="Opens" hint="Date and time, in your time zone (${zone})." .error=${this.form.errorFor('opensAt')}></agora-text-field>
        <agora-text-field id="closesAt" name="closesAt" type="datetime-local" label="Closes" hint="Must be after it opens." .error=${this.form.errorFor('closesAt')}></agora-text-field>
        <div class="check">
          <input type="checkbox" id="premoderation" name="premoderation" aria-describedby="premoderation-hint" />
          <div>
            <label for="premoderation">Pre-moderation</label>
            <p id="premoderation-hint" class="muted">Comments from new accounts wait for a moderator's approval before anyone else sees them.</p>
          </div>
        </div>
        <button ?disabled=${this.form.busy}>Create the consultation</button>
        ${this.form.busy ? html`<span role="status">Creating…</span>` : nothing}
      </form>`;
  }

  private async create(values: FormValues): Promise<void> {
    const consultation = await createConsultation({
      title: values.get('title'),
      slug: values.get('slug').trim(),
      summary: values.get('summary'),
      opensAt: fromLocalInput(values.get('opensAt')),
      closesAt: fromLocalInput(values.get('closesAt')),
      premoderation: values.get('premoderation') === 'on',
    });
    navigate(`/c/${consultation.slug}/manage`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-create': AgoraConsultationCreate;
  }
}
