import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { RetentionSettings } from '../../../server/contracts/personal-data';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { setPageTitle } from '../../ui/page-title';
import { getRetention } from './account-api';

/** A setting's value in days, once the server said it; its name either way (operators look it up). */
const days = (value: number | undefined, setting: string) =>
  html`${value === undefined ? 'the number of days the site sets' : `${value} ${value === 1 ? 'day' : 'days'}`} (<code>${setting}</code>)`;

/** /privacy: what Agora keeps about people, why, and for how long (this site's own settings). */
@customElement('agora-privacy-page')
export class AgoraPrivacyPage extends LitElement {
  static override styles = [sharedStyles, proseStyles];
  @state() private retention: Partial<RetentionSettings> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle('Privacy');
    // Without the numbers the page still says what is kept and names the settings.
    getRetention().then((retention) => (this.retention = retention), () => undefined);
  }

  override render() {
    return html`
      <h1>Privacy: what we keep and why</h1>
      <h2>Your account</h2>
      <p>Your username, the name shown with your comments, your password (only as an Argon2id hash, which cannot be turned back into the password), your role, and the date you joined — to let you take part and to show who said what.</p>
      <p>Your email address, if you give one, is used only to confirm it, to send a link when you forget your password, and to send the notifications you choose. It is never shown to other people and only administrators can see it. Reset links work for one hour and once; only a hash of each is stored.</p>
      <h2>Signing in</h2>
      <p>A session cookie keeps you signed in. A session unused for ${days(this.retention.sessionIdleDays, 'SESSION_IDLE_DAYS')} ends by itself. A second cookie remembers browsers you signed in from for a year, so that others' failed guesses at your password cannot lock you out. Failed sign-in attempts are counted in memory only and forgotten on restart.</p>
      <h2>What you write</h2>
      <p>Comments, replies, proposals and endorsements are public parts of the consultation record and kept as long as the consultation is. Earlier versions of edited comments are kept too. Reports you make are seen by moderators only.</p>
      <h2>Live updates and notifications</h2>
      <p>Changes are kept in an event log for live updates for ${days(this.retention.eventRetentionDays, 'EVENT_RETENTION_DAYS')} and then deleted. Notifications stay until you delete your account; emails waiting to be sent are kept until they are sent.</p>
      <h2>Your rights</h2>
      <p>On <a href="/account">your account page</a> you can see your activity, download everything we hold about you as a JSON file, change your email address and password, sign out everywhere, and delete your account. Deleting removes your username, name, email address, sessions, notifications and choices; your comments stay as by “Deleted account”, or are removed too if you choose. The public moderation log records that an account was deleted, without its name.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-privacy-page': AgoraPrivacyPage;
  }
}
