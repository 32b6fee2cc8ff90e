import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { linkToken, resetPassword } from './account-api';

/** /reset-password?token=…: the emailed link; choose a new password (every session ends). */
@customElement('agora-reset-password-page')
export class AgoraResetPasswordPage extends LitElement {
  static override styles = [sharedStyles, formStyles];
  private readonly form = new FormController(this, 'Choose a new password');
  @state() private done = false;

  override render() {
    if (this.done) {
      return html`<h1>Your password is changed</h1>
        <p role="status">You have been signed out everywhere. <a href="/sign-in">Sign in</a> with your new password.</p>`;
    }
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Choose a new password</h1>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.reset(values))}>
        <agora-text-field id="password" name="password" type="password" label="New password" hint="At least 10 characters. A few unrelated words work well." autocomplete="new-password" .error=${this.form.errorFor('password') || this.form.errorFor('token')}></agora-text-field>
        <button ?disabled=${this.form.busy}>Set the new password</button>
      </form>
      <p><a href="/forgot-password">Ask for a new link</a></p>
    `;
  }

  private async reset(values: FormValues): Promise<void> {
    await resetPassword(linkToken(), values.get('password'));
    this.done = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-reset-password-page': AgoraResetPasswordPage;
  }
}
