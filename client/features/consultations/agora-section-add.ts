import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { sectionTextEditor } from '../../ui/section-text-editor';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { addSection, canManage } from './consultations-api';

/** /c/:c/manage/add-section: an editor adds a section, with its first text, at the end of the consultation. */
@customElement('agora-section-add')
export class AgoraSectionAdd extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @property() consultation = '';
  @state() private markdown = '';
  private readonly form = new FormController(this, 'Add a section');
  private readonly session = new SessionController(this);

  override render() {
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    const back = `/c/${this.consultation}/manage`;
    if (!canManage(user)) {
      return html`<h1>Add a section</h1>
        ${user ? html`<p>Only editors can add sections.</p>` : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> as an editor to add a section.</p>`}`;
    }
    return html`<p><a href=${back}>Back to managing the consultation</a></p>
      <h1>Add a section</h1>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.add(values))}>
        <agora-text-field id="title" name="title" label="Title" .error=${this.form.errorFor('title')}></agora-text-field>
        <agora-text-field
          id="slug"
          name="slug"
          label="Web address"
          hint="Lower-case letters, numbers and hyphens, for example open-data. It cannot be changed later."
          .error=${this.form.errorFor('slug')}
        ></agora-text-field>
        ${sectionTextEditor(this.markdown, this.form.errorFor('markdown'), (markdown) => (this.markdown = markdown))}
        <button ?disabled=${this.form.busy}>Add the section</button>
        ${this.form.busy ? html`<span role="status">Adding…</span>` : nothing}
      </form>`;
  }

  private async add(values: FormValues): Promise<void> {
    const slug = values.get('slug').trim();
    await addSection(this.consultation, { title: values.get('title'), slug, markdown: this.markdown });
    navigate(`/c/${this.consultation}/${slug}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-add': AgoraSectionAdd;
  }
}
