import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ManagedConsultation } from '../../../server/contracts/consultation-management';
import { consultationChannel } from '../../../server/contracts/live';
import { LiveChannelController } from '../../live/live-controller';
import '../../ui/agora-error-summary';
import '../../ui/agora-load-error';
import '../../ui/agora-phase-tag';
import '../../ui/agora-text-field';
import { FormController, type FormValues } from '../../ui/form-controller';
import { formatDateTime } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { canManage, fromLocalInput, getManaged, renameSection, reorderSections, retireSection, toLocalInput, updateConsultation } from './consultations-api';

type Section = ManagedConsultation['sections'][number];
type Editing = { slug: string; kind: 'rename' | 'retire' } | null;

/**
 * /c/:c/manage: an editor runs the consultation: its summary and closing date, the order, titles
 * and retirement of its sections, with links to add a section, publish the outcome and read the
 * change log. Every change is checked by the server; problems show in one error summary.
 */
@customElement('agora-consultation-manage')
export class AgoraConsultationManage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); margin-bottom: var(--agora-space-4); }
      .notice { border-left: 5px solid var(--agora-success); padding: var(--agora-space-2) var(--agora-space-3); background: #e6f2ec; }
      ol { padding: 0; list-style: none; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      .row { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; }
      .row strong { flex: 1 1 12rem; }
      .row button, form.inline button { font-size: 0.95rem; padding: var(--agora-space-1) var(--agora-space-2); }
      form.inline { margin-top: var(--agora-space-2); }
      .retired { color: var(--agora-text-muted); }
    `,
  ];

  @property() slug = '';
  @state() private editing: Editing = null;
  @state() private notice = '';

  private readonly form = new FormController(this, 'Manage a consultation');
  private readonly session = new SessionController(this);
  private readonly data = new Task(this, {
    task: ([slug], { signal }) => getManaged(slug, signal),
    args: () => [this.slug] as const,
  });

  constructor() {
    super();
    // Another editor's change shows here at once. This page reloads after its own changes itself,
    // so those are skipped: a second reload racing the first would move the sections under focus.
    new LiveChannelController(this, () => this.data.value && { channel: consultationChannel(this.slug), since: this.data.value.liveSeq }, {
      onEvent: (...[type, data]) => {
        if (type === 'consultation.changed' && data.by?.username !== this.session.user?.username) void this.data.run();
      },
      onReset: () => void this.data.run(),
    });
  }

  override render() {
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (!canManage(user)) {
      return html`<h1>Manage a consultation</h1>
        ${user ? html`<p>Only editors can manage consultations.</p>` : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> as an editor to manage this consultation.</p>`}`;
    }
    return this.data.render({
      pending: () => (this.data.value ? this.renderPage(this.data.value) : html`<p aria-live="polite">Loading…</p>`),
      error: (error) => html`<agora-load-error .error=${error} what="consultation" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: (managed) => this.renderPage(managed),
    });
  }

  private renderPage({ consultation: c, sections }: ManagedConsultation) {
    const mayPublish = c.phase === 'closed' || c.phase === 'outcome';
    return html`<p><a href="/c/${c.slug}">${c.title}</a></p>
      <h1>Manage: ${c.title}</h1>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <p class="notice" role="status" ?hidden=${!this.notice}>${this.notice}</p>
      <div class="links">
        <agora-phase-tag .phase=${c.phase}></agora-phase-tag>
        <a href="/c/${c.slug}/manage/add-section">Add a section</a>
        ${mayPublish ? html`<a href="/c/${c.slug}/manage/outcome">${c.phase === 'outcome' ? 'Update the outcome' : 'Publish the outcome'}</a>` : nothing}
        <a href="/c/${c.slug}/changes">Change log</a>
      </div>
      <h2>Summary and closing date</h2>
      <form novalidate @submit=${(event: SubmitEvent) => this.act(event, (values) => this.saveSettings(values, c), 'Saved the summary and closing date.')}>
        <agora-text-field id="summary" name="summary" label="Summary" .value=${c.summary} .error=${this.form.errorFor('summary')}></agora-text-field>
        ${c.outcomePublishedAt
          ? html`<p>Closed on ${formatDateTime(c.closesAt)}. The outcome is published, so the closing date no longer changes.</p>`
          : html`<agora-text-field
              id="closesAt"
              name="closesAt"
              type="datetime-local"
              label="Closes"
              hint="Extend it, or bring it forward (not into the past). Opened ${formatDateTime(c.opensAt)}."
              .value=${toLocalInput(c.closesAt)}
              .error=${this.form.errorFor('closesAt')}
            ></agora-text-field>`}
        <button ?disabled=${this.form.busy}>Save changes</button>
      </form>
      <h2>Sections</h2>
      ${sections.length === 0 ? html`<p>No sections yet. <a href="/c/${c.slug}/manage/add-section">Add the first section</a>.</p>` : nothing}
      <ol>
        ${repeat(sections, (s) => s.slug, (s) => this.renderSection(s, sections.filter((each) => !each.retiredAt)))}
      </ol>`;
  }

  private renderSection(section: Section, listed: Section[]) {
    if (section.retiredAt) {
      return html`<li class="retired"><strong>${section.title}</strong> — retired ${formatDateTime(section.retiredAt)} (<a href="/c/${this.slug}/${section.slug}">its page</a>)</li>`;
    }
    const index = listed.indexOf(section);
    const editing = this.editing?.slug === section.slug ? this.editing.kind : null;
    return html`<li>
      <div class="row">
        <strong><a href="/c/${this.slug}/${section.slug}">${section.title}</a></strong>
        <button class="secondary" id="up-${section.slug}" aria-label="Move up: ${section.title}" ?disabled=${index === 0} @click=${() => this.move(listed, index, -1)}>Move up</button>
        <button class="secondary" id="down-${section.slug}" aria-label="Move down: ${section.title}" ?disabled=${index === listed.length - 1} @click=${() => this.move(listed, index, 1)}>Move down</button>
        <button class="secondary" aria-label="Rename: ${section.title}" aria-expanded=${editing === 'rename'} @click=${() => this.toggle(section.slug, 'rename')}>Rename</button>
        <button class="secondary" aria-label="Retire: ${section.title}" aria-expanded=${editing === 'retire'} @click=${() => this.toggle(section.slug, 'retire')}>Retire</button>
      </div>
      ${editing === 'rename'
        ? html`<form class="inline" novalidate @submit=${(event: SubmitEvent) => this.act(event, (v) => renameSection(this.slug, section.slug, v.get('title')), `Renamed "${section.title}".`, { title: `title-${section.slug}` })}>
            <agora-text-field id="title-${section.slug}" name="title" label="New title for “${section.title}”" .value=${section.title} .error=${this.form.errorFor(`title-${section.slug}`)}></agora-text-field>
            <button ?disabled=${this.form.busy}>Save the title</button>
          </form>`
        : nothing}
      ${editing === 'retire'
        ? html`<form class="inline" novalidate @submit=${(event: SubmitEvent) => this.act(event, (v) => retireSection(this.slug, section.slug, v.get('reason')), `Retired "${section.title}".`, { reason: `reason-${section.slug}` })}>
            <agora-text-field
              id="reason-${section.slug}"
              name="reason"
              label="Why retire “${section.title}”?"
              hint="Shown on the section's page. It leaves the list and takes no more comments or proposals; its text and comments stay readable."
              .error=${this.form.errorFor(`reason-${section.slug}`)}
            ></agora-text-field>
            <button ?disabled=${this.form.busy}>Retire this section</button>
          </form>`
        : nothing}
    </li>`;
  }

  private toggle(slug: string, kind: 'rename' | 'retire'): void {
    this.editing = this.editing?.slug === slug && this.editing.kind === kind ? null : { slug, kind };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${kind === 'rename' ? 'title' : 'reason'}-${slug}`)?.focus());
  }

  private saveSettings(values: FormValues, c: ManagedConsultation['consultation']): Promise<unknown> {
    const closes = values.get('closesAt');
    const moved = !c.outcomePublishedAt && closes !== toLocalInput(c.closesAt);
    return updateConsultation(this.slug, { summary: values.get('summary'), ...(moved ? { closesAt: fromLocalInput(closes) } : {}) });
  }

  /** Moves a section one place and keeps focus on the same button, wherever it now is. */
  private async move(listed: Section[], index: number, by: -1 | 1): Promise<void> {
    const order = listed.map((s) => s.slug);
    const [slug] = order.splice(index, 1);
    order.splice(index + by, 0, slug!);
    const ok = await this.run(() => reorderSections(this.slug, order), `Moved "${listed[index]!.title}" ${by < 0 ? 'up' : 'down'}.`);
    if (!ok) return;
    const stay = this.renderRoot.querySelector<HTMLButtonElement>(`#${by < 0 ? 'up' : 'down'}-${slug}`);
    (stay && !stay.disabled ? stay : this.renderRoot.querySelector<HTMLButtonElement>(`#${by < 0 ? 'down' : 'up'}-${slug}`))?.focus();
  }

  private act(event: SubmitEvent, action: (values: FormValues) => Promise<unknown>, done: string, fieldIds: Record<string, string> = {}): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.run(() => action({ get: (name) => String(data.get(name) ?? '') }), done, fieldIds);
  }

  /** Runs a change; on success reloads the page's data and says what was done, else shows the problems linked to their fields. */
  private async run(action: () => Promise<unknown>, done: string, fieldIds: Record<string, string> = {}): Promise<boolean> {
    this.notice = '';
    const ok = await this.form.run(async () => {
      await action();
    });
    if (!ok) {
      this.form.errors = this.form.errors.map((error) => ({ ...error, field: error.field && (fieldIds[error.field] ?? error.field) }));
      this.requestUpdate();
      return false;
    }
    this.editing = null;
    this.notice = done;
    await this.data.run();
    await this.updateComplete;
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-manage': AgoraConsultationManage;
  }
}
