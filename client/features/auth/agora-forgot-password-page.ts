import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { requestPasswordReset } from './account-api';

/** /forgot-password: an email address; the answer is the same whether or not it has an account. */
@customElement('agora-forgot-password-page')
export class AgoraForgotPasswordPage extends LitElement {
  static override styles = [sharedStyles, formStyles];
  private readonly form = new FormController(this, 'Reset your password');
  @state() private sent = '';

  override render() {
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Reset your password</h1>
      ${this.sent
        ? html`<p role="status">${this.sent}</p><p><a href="/sign-in">Back to sign in</a></p>`
        : html`<p>Enter the email address of your account. We will send it a link to choose a new password.</p>
            <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.send(values))}>
              <agora-text-field id="email" name="email" type="email" label="Email address" autocomplete="email" .error=${this.form.errorFor('email')}></agora-text-field>
              <button ?disabled=${this.form.busy}>Send the link</button>
            </form>`}
      ${this.sent ? nothing : html`<p><a href="/sign-in">Back to sign in</a></p>`}
    `;
  }

  private async send(values: FormValues): Promise<void> {
    this.sent = (await requestPasswordReset(values.get('email'))).message;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-forgot-password-page': AgoraForgotPasswordPage;
  }
}
