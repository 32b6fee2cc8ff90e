import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AccountSettings } from '../../../server/contracts/account';
import type { Activity } from '../../../server/contracts/personal-data';
import { errorMessage } from '../../api/api-client';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { changeEmail, changePassword, deleteAccount, getAccount, getActivity, resendConfirmation, signOutEverywhere } from './account-api';
import { session } from './session-store';

/** /account: my activity, my email and password, my sessions, my data, and deleting my account. */
@customElement('agora-account-page')
export class AgoraAccountPage extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      ul { padding-left: var(--agora-space-4); }
      li { overflow-wrap: anywhere; margin-bottom: var(--agora-space-1); }
      section { margin-bottom: var(--agora-space-5, 2rem); }
      .danger { background: var(--agora-error); color: #fff; }
    `,
  ];

  @state() private account?: AccountSettings;
  @state() private activity?: Activity;
  @state() private problem = '';
  @state() private notice = '';
  private readonly form = new FormController(this, 'Your account');

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([getAccount(), getActivity()]).then(
      ([{ account }, { activity }]) => ((this.account = account), (this.activity = activity)),
      (error) => (this.problem = errorMessage(error)),
    );
  }

  override render() {
    if (this.problem) return html`<h1>Your account</h1><p role="alert">${this.problem}</p>`;
    if (!this.account || !this.activity) return html`<h1>Your account</h1><p>Loading…</p>`;
    const { account, activity } = this;
    const submit = (action: (values: FormValues) => Promise<void>) => (event: SubmitEvent) => this.form.submit(event, action);
    return html`
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Your account</h1>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <section aria-labelledby="activity">
        <h2 id="activity">My activity</h2>
        <h3>My comments (${activity.comments.length})</h3>
        <ul>${activity.comments.map((c) => html`<li><a href=${c.link}>${c.place.sectionTitle}</a>: ${c.excerpt}${c.status === 'visible' ? nothing : html` (${c.status})`}</li>`)}</ul>
        <h3>Replies to my comments (${activity.replies.length})</h3>
        <ul>${activity.replies.map((r) => html`<li><a href=${r.link}>${r.author}</a>: ${r.excerpt}</li>`)}</ul>
        <h3>My proposals (${activity.proposals.length})</h3>
        <ul>${activity.proposals.map((p) => html`<li><a href=${p.link}>${p.summary || 'Proposal'}</a> (${p.status})</li>`)}</ul>
        <p>Comments I endorsed: ${activity.endorsements.length}. <a href="/notifications">Notifications and email choices</a>.</p>
      </section>
      <section aria-labelledby="email-h">
        <h2 id="email-h">Email address</h2>
        <p>${account.email ? html`${account.email} — ${account.emailVerified ? 'confirmed' : 'not confirmed yet'}` : 'None given.'}
          ${account.email && !account.emailVerified ? html`<button class="secondary" @click=${this.resend}>Send the confirmation again</button>` : nothing}</p>
        <form novalidate @submit=${submit((v) => this.newEmail(v))}>
          <agora-text-field id="email" name="email" type="email" label="New email address" autocomplete="email" .error=${this.form.errorFor('email')}></agora-text-field>
          <agora-text-field id="emailPassword" name="currentPassword" type="password" label="Your password" autocomplete="current-password" .error=${this.form.errorFor('currentPassword')}></agora-text-field>
          <button ?disabled=${this.form.busy}>Change email address</button>
        </form>
      </section>
      <section aria-labelledby="password-h">
        <h2 id="password-h">Password</h2>
        <form novalidate @submit=${submit((v) => this.newPassword(v))}>
          <agora-text-field id="currentPassword" name="currentPassword" type="password" label="Current password" autocomplete="current-password" .error=${this.form.errorFor('currentPassword')}></agora-text-field>
          <agora-text-field id="newPassword" name="newPassword" type="password" label="New password" autocomplete="new-password" .error=${this.form.errorFor('newPassword')}></agora-text-field>
          <button ?disabled=${this.form.busy}>Change password</button>
        </form>
        <p>Changing it signs you out on every other device.</p>
        <button class="secondary" @click=${this.everywhere}>Sign out everywhere</button>
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">My data</h2>
        <p><a href="/api/account/data" download>Download everything we hold about you (JSON)</a>. <a href="/privacy">How we use it</a>.</p>
        <h3>Delete my account</h3>
        <form novalidate @submit=${submit((v) => this.deleteAccount(v))}>
          <fieldset>
            <legend>What happens to your comments</legend>
            <label><input type="radio" name="comments" value="keep" checked /> Keep them, shown as by “Deleted account”</label><br />
            <label><input type="radio" name="comments" value="remove" /> Remove them too</label>
          </fieldset>
          <agora-text-field id="deletePassword" name="deletePassword" type="password" label="Your password, to confirm" autocomplete="current-password" .error=${this.form.errorFor('currentPassword')}></agora-text-field>
          <button class="danger" ?disabled=${this.form.busy}>Delete my account</button>
        </form>
      </section>
    `;
  }

  private async newEmail(values: FormValues): Promise<void> {
    this.notice = (await changeEmail(values.get('email'), values.get('currentPassword'))).message;
  }

  private async newPassword(values: FormValues): Promise<void> {
    await changePassword(values.get('currentPassword'), values.get('newPassword'));
    this.notice = 'Your password is changed. Other devices are signed out.';
  }

  private async resend(): Promise<void> {
    await this.form.run(async () => void (this.notice = (await resendConfirmation()).message));
  }

  private async everywhere(): Promise<void> {
    await this.form.run(async () => {
      await signOutEverywhere();
      await session.load(true);
      navigate('/sign-in');
    });
  }

  private async deleteAccount(values: FormValues): Promise<void> {
    await deleteAccount(values.get('deletePassword'), values.get('comments') === 'remove');
    await session.load(true);
    navigate('/');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-account-page': AgoraAccountPage;
  }
}
