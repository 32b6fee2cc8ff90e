import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref, nextPath } from './next-path';
import { session } from './session-store';

/** /sign-in: username and password; afterwards back to where the person came from. */
@customElement('agora-sign-in-page')
export class AgoraSignInPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  private readonly form = new FormController(this, 'Sign in');

  override render() {
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Sign in</h1>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.signIn(values))}>
        <agora-text-field id="username" name="username" label="Username" autocomplete="username" .error=${this.form.errorFor('username')}></agora-text-field>
        <agora-text-field id="password" name="password" type="password" label="Password" autocomplete="current-password" .error=${this.form.errorFor('password')}></agora-text-field>
        <button ?disabled=${this.form.busy}>Sign in</button>
      </form>
      <p><a href="/forgot-password">Forgotten your password?</a></p>
      <p>No account yet? <a href=${authPageHref('/register', nextPath())}>Create an account</a>.</p>
    `;
  }

  private async signIn(values: FormValues): Promise<void> {
    await session.signIn({ username: values.get('username'), password: values.get('password') });
    navigate(nextPath());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-sign-in-page': AgoraSignInPage;
  }
}
