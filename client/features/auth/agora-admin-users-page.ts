import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AdminUser, Role, UserPage } from '../../../server/contracts/auth';
import { api, errorMessage } from '../../api/api-client';
import '../../ui/agora-error-summary';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';
import { authPageHref } from './next-path';
import { SessionController } from './session-store';

const ROLES: Record<Role, string> = { citizen: 'Citizen', editor: 'Editor', moderator: 'Moderator', admin: 'Admin' };

/** /admin/users: accounts a page at a time, searchable, with role and status; admins change roles, block and unblock. */
@customElement('agora-admin-users-page')
export class AgoraAdminUsersPage extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      form { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; }
      form.block { display: block; min-width: 18rem; }
      select { font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); }
      .notice { border-left: 5px solid var(--agora-success); padding: var(--agora-space-2) var(--agora-space-3); margin-bottom: var(--agora-space-4); background: #e6f2ec; }
      .notice:empty { display: none; }
      form.search { margin-bottom: var(--agora-space-3); align-items: end; }
      form.search label { font-weight: 700; display: block; }
      form.search input { font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); min-height: 2.5rem; max-width: 100%; }
      nav.pages { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; margin-top: var(--agora-space-3); }
    `,
  ];

  @state() private users?: AdminUser[];
  @state() private page = 1;
  @state() private nextPage: number | null = null;
  /** The search the table shows ('' for every account). */
  @state() private search = '';
  @state() private loadProblem = '';
  @state() private notice = '';
  /** The account whose block form is open, if any (one at a time, so its field can be "#reason"). */
  @state() private blockingId: number | null = null;
  private loadedFor?: number;

  private readonly session = new SessionController(this);
  private readonly form = new FormController(this, 'Manage accounts');

  protected override willUpdate(): void {
    const me = this.session.user;
    if (me?.can.manageAccounts && this.loadedFor !== me.id) {
      this.loadedFor = me.id;
      void this.loadUsers();
    }
  }

  private async loadUsers(page = this.page, search = this.search): Promise<void> {
    this.loadProblem = '';
    try {
      const params = new URLSearchParams({ page: String(page), ...(search ? { q: search } : {}) });
      const result = await api<UserPage>(`/api/users?${params}`);
      Object.assign(this, { users: result.users, page: result.page, nextPage: result.nextPage, search });
    } catch (error) {
      this.loadProblem = errorMessage(error);
    }
  }

  private onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.notice = '';
    void this.loadUsers(1, q);
  }

  private renderSearch() {
    return html`<form class="search" role="search" aria-label="Accounts" @submit=${this.onSearch}>
      <div>
        <label for="q">Search accounts</label>
        <span class="muted" id="q-hint">Part of a username, name or email address</span><br />
        <input id="q" name="q" type="search" maxlength="100" aria-describedby="q-hint" .value=${this.search} />
      </div>
      <button class="secondary">Search</button>
    </form>`;
  }

  private renderPages() {
    if (this.page === 1 && this.nextPage === null) return nothing;
    return html`<nav class="pages" aria-label="Pages of accounts">
      ${this.page > 1 ? html`<button class="secondary" @click=${() => this.loadUsers(this.page - 1)}>Previous page</button>` : nothing}
      <span>Page ${this.page}</span>
      ${this.nextPage ? html`<button class="secondary" @click=${() => this.loadUsers(this.nextPage!)}>Next page</button>` : nothing}
    </nav>`;
  }

  override render() {
    const me = this.session.user;
    let body;
    if (me === undefined) body = html`<p aria-live="polite">Loading…</p>`;
    else if (me === null) body = html`<p>You need to <a href=${authPageHref('/sign-in', '/admin/users')}>sign in</a> as an admin to manage accounts.</p>`;
    else if (!me.can.manageAccounts) body = html`<p>Only admins can manage accounts. You are signed in as ${me.displayName}, who is ${article(me.role)} ${me.role}.</p>`;
    else body = this.renderAccounts(me.id);
    return html`<agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>Manage accounts</h1>
      ${body}`;
  }

  private renderAccounts(myId: number) {
    return html`
      <div class="notice" role="status">${this.notice}</div>
      ${this.renderSearch()}
      ${this.users === undefined
        ? this.loadProblem
          ? html`<div role="alert"><p>The accounts could not be loaded. ${this.loadProblem}</p><button @click=${() => this.loadUsers()}>Try again</button></div>`
          : html`<p aria-live="polite">Loading accounts…</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="visually-hidden">Accounts</caption>
              <thead>
                <tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Block</th></tr>
              </thead>
              <tbody>
                ${this.users.map(
                  (user) => html`<tr>
                    <th scope="row">${user.username}</th>
                    <td>${user.displayName}</td>
                    <td>${user.id === myId ? html`${ROLES[user.role]} <span class="muted">(you)</span>` : this.renderRoleForm(user)}</td>
                    <td>${user.blocked ? html`Blocked<br /><span class="muted">${user.blockedReason}</span>` : 'Active'}</td>
                    <td>${user.id === myId ? nothing : this.renderBlockControls(user)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${this.users.length === 0 ? html`<p>No accounts match “${this.search}”.</p>` : nothing} ${this.renderPages()}`}
    `;
  }

  private renderRoleForm(user: AdminUser) {
    return html`<form @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.changeRole(user, values))}>
      <label class="visually-hidden" for="role-${user.id}">Role for ${user.username}</label>
      <select id="role-${user.id}" name="role">
        ${Object.entries(ROLES).map(([role, label]) => html`<option value=${role} ?selected=${role === user.role}>${label}</option>`)}
      </select>
      <button class="secondary" ?disabled=${this.form.busy}>Change role<span class="visually-hidden"> for ${user.username}</span></button>
    </form>`;
  }

  private renderBlockControls(user: AdminUser) {
    const forWhom = html`<span class="visually-hidden"> ${user.username}</span>`;
    if (user.blocked) return html`<button class="secondary" ?disabled=${this.form.busy} @click=${() => this.form.run(() => this.unblock(user))}>Unblock${forWhom}</button>`;
    if (this.blockingId !== user.id) return html`<button class="secondary" @click=${() => this.openBlockForm(user)}>Block${forWhom}</button>`;
    return html`<form class="block" novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, (values) => this.block(user, values))}>
      <agora-text-field id="reason" name="reason" label="Reason for blocking ${user.username}" hint="Kept with the account for other admins."
        .error=${this.form.errorFor('reason')}></agora-text-field>
      <button ?disabled=${this.form.busy}>Block account</button>
      <button type="button" class="secondary" @click=${() => (this.blockingId = null)}>Cancel</button>
    </form>`;
  }

  private async openBlockForm(user: AdminUser): Promise<void> {
    this.blockingId = user.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reason')?.focus();
  }

  private async changeRole(user: AdminUser, values: FormValues): Promise<void> {
    const updated = await this.post(user, 'role', { role: values.get('role') });
    this.notice = `${updated.username} is now ${article(updated.role)} ${updated.role}.`;
  }

  private async block(user: AdminUser, values: FormValues): Promise<void> {
    await this.post(user, 'block', { reason: values.get('reason') });
    this.blockingId = null;
    this.notice = `${user.username} is blocked and has been signed out everywhere. They can still read, but not take part.`;
  }

  private async unblock(user: AdminUser): Promise<void> {
    await this.post(user, 'unblock');
    this.notice = `${user.username} is unblocked and can take part again.`;
  }

  /** Sends one account action and puts the account as it now is into the table. */
  private async post(user: AdminUser, action: 'role' | 'block' | 'unblock', body?: object): Promise<AdminUser> {
    this.notice = '';
    const { user: updated } = await api<{ user: AdminUser }>(`/api/users/${user.id}/${action}`, { method: 'POST', body });
    this.users = this.users?.map((u) => (u.id === updated.id ? updated : u));
    return updated;
  }
}

const article = (role: Role): string => (role === 'admin' || role === 'editor' ? 'an' : 'a');

declare global {
  interface HTMLElementTagNameMap {
    'agora-admin-users-page': AgoraAdminUsersPage;
  }
}
