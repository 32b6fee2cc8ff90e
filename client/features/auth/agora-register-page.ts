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

/** /register: create a citizen account, signed in straight away; afterwards back to where the person came from. */
@customElement('agora-register-page')
export class AgoraRegisterPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  private readonly form = new FormController(this, 'Create an account');

  override render() {
    const errorFor = (field: string) => this.form.errorFor(field);
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Create an account</h1>
      <p>You need an account to comment, endorse comments and suggest changes. Reading needs no account.</p>
      <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.register(values))}>
        <agora-text-field id="username" name="username" label="Username" autocomplete="username"
          hint="You sign in with this. 3 to 32 letters, numbers, full stops, hyphens or underscores." .error=${errorFor('username')}></agora-text-field>
        <agora-text-field id="displayName" name="displayName" label="Your name" autocomplete="name"
          hint="Shown with your comments. It does not have to be your full name." .error=${errorFor('displayName')}></agora-text-field>
        <agora-text-field id="email" name="email" type="email" label="Email address (optional)" autocomplete="email"
          hint="Only used to help you if you cannot sign in." .error=${errorFor('email')}></agora-text-field>
        <agora-text-field id="password" name="password" type="password" label="Password" autocomplete="new-password"
          hint="At least 10 characters. Not a common password and not your username: a few unrelated words work well."
          .error=${errorFor('password')}></agora-text-field>
        <button ?disabled=${this.form.busy}>Create account</button>
      </form>
      <p>Already have an account? <a href=${authPageHref('/sign-in', nextPath())}>Sign in</a>.</p>
    `;
  }

  private async register(values: FormValues): Promise<void> {
    await session.register({
      username: values.get('username'),
      displayName: values.get('displayName'),
      password: values.get('password'),
      email: values.get('email'),
    });
    navigate(nextPath());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-register-page': AgoraRegisterPage;
  }
}
