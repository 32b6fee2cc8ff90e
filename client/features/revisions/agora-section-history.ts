import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sectionChannel } from '../../../server/contracts/live';
import type { SectionDetail } from '../../../server/contracts/consultations';
import type { RevisionHistory, SectionDiff } from '../../../server/contracts/revisions';
import '../../ui/agora-diff-view';
import '../../ui/agora-load-error';
import { formatDateTime } from '../../ui/format';
import { formErrorsFrom } from '../../ui/form-errors';
import { LiveChannelController } from '../../live/live-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';
import { SessionController } from '../auth/session-store';
import './agora-section-lock';
import { canEdit, editPath, getDiff, getHistory, revertTo, revisionPath } from './revisions-api';
import { getSection } from '../consultations/consultations-api';
import { setPageTitle } from '../../ui/page-title';

/**
 * `/c/:c/:s/history`: every version of a section with its author, summary, time and SHA-256;
 * compare any two (the choice is kept in `?from=&to=`); editors revert and lock here.
 */
@customElement('agora-section-history')
export class AgoraSectionHistory extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      .table-wrap { margin-bottom: var(--agora-space-3); }
      td.pick { text-align: center; }
      code { font-family: var(--agora-font-mono); font-size: 0.85rem; overflow-wrap: anywhere; }
      .notice { border-left: 5px solid var(--agora-success); padding-left: var(--agora-space-3); }
      .confirm { background: var(--agora-surface); padding: var(--agora-space-2); }
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';

  @state() private from?: number;
  @state() private to?: number;
  @state() private diff?: SectionDiff;
  @state() private confirming: number | null = null;
  @state() private notice = '';
  @state() private problem = '';
  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: async ([consultation, section], { signal }) => {
      const [history, detail] = await Promise.all([
        getHistory(consultation, section, signal),
        getSection(consultation, section, signal),
      ]);
      return { history, section: detail };
    },
    args: () => [this.consultation, this.section] as const,
  });

  constructor() {
    super();
    // A version published or a lock changed elsewhere shows up here at once.
    new LiveChannelController(
      this,
      () => {
        const section = this.data.value?.section;
        return section && { channel: sectionChannel(section.consultation.slug, section.slug), since: section.liveSeq };
      },
      {
        onEvent: (...[type]) => {
          if (type === 'revision.published' || type.startsWith('section.')) void this.data.run();
        },
        onReset: () => void this.data.run(),
      },
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('consultation') || changed.has('section')) {
      const query = new URLSearchParams(location.search);
      this.from = Number(query.get('from')) || undefined;
      this.to = Number(query.get('to')) || undefined;
      this.diff = undefined;
      if (this.from && this.to) void this.compare();
    }
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="section" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: ({ history, section }) => this.renderPage(history, section),
    });
  }

  private renderPage(history: RevisionHistory, section: SectionDetail) {
    setPageTitle(`History of ${section.title} — ${section.consultation.title}`);
    const editor = canEdit(this.session.user);
    const newest = history.revisions[0]?.number ?? 1;
    const from = this.from ?? history.revisions[1]?.number ?? newest;
    const to = this.to ?? newest;
    const sectionPath = `/c/${this.consultation}/${this.section}`;
    return html`
      <p><a href="/c/${section.consultation.slug}">${section.consultation.title}</a></p>
      <h1>History of ${section.title}</h1>
      <div class="links">
        <a href=${sectionPath}>Read the current version</a>
        ${editor ? html`<a href=${editPath(this.consultation, this.section)}>Edit this section</a>` : nothing}
      </div>
      <agora-section-lock
        .consultation=${this.consultation}
        .section=${this.section}
        .lock=${history.lock}
        ?editable=${editor}
      ></agora-section-lock>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <h2>Versions</h2>
      <p>Every version is kept. Choose two to compare. The SHA-256 fingerprint of each text lets anyone check a copy is exact.</p>
      <form @submit=${(e: SubmitEvent) => this.submitCompare(e)}>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Versions of ${section.title}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Version</th>
                <th scope="col">What changed</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
                <th scope="col">SHA-256</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${history.revisions.map(
                (r) => html`<tr>
                  <td class="pick"><input type="radio" name="from" value=${r.number} .checked=${r.number === from} aria-label="Compare from version ${r.number}" /></td>
                  <td class="pick"><input type="radio" name="to" value=${r.number} .checked=${r.number === to} aria-label="Compare to version ${r.number}" /></td>
                  <td>${r.number}${r.number === newest ? html` <strong>(current)</strong>` : nothing}</td>
                  <td>${r.summary}</td>
                  <td>${r.author?.displayName ?? 'Imported'}</td>
                  <td>${formatDateTime(r.createdAt)}</td>
                  <td><code title=${r.sha256}>${r.sha256.slice(0, 12)}…</code><span class="visually-hidden"> (full: ${r.sha256})</span></td>
                  <td>
                    <a href=${revisionPath(this.consultation, this.section, r.number)}>View<span class="visually-hidden"> version ${r.number}</span></a>
                    ${editor && r.number !== newest ? this.renderRevert(r.number) : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <button>Compare versions</button>
      </form>
      ${this.diff
        ? html`<h2 id="changes" tabindex="-1">Changes from version ${this.diff.from.number} to version ${this.diff.to.number}</h2>
            <agora-diff-view .diff=${this.diff.diff} beforeLabel="Version ${this.diff.from.number}" afterLabel="Version ${this.diff.to.number}"></agora-diff-view>`
        : nothing}
    `;
  }

  private renderRevert(number: number) {
    if (this.confirming !== number) {
      return html`<button type="button" class="secondary" @click=${() => (this.confirming = number)}>Revert<span class="visually-hidden"> to version ${number}</span></button>`;
    }
    return html`<div class="confirm" role="group" aria-label="Confirm revert">
      <p>Publish version ${number}’s text as a new version?</p>
      <button type="button" @click=${() => this.revert(number)}>Yes, revert to version ${number}</button>
      <button type="button" class="secondary" @click=${() => (this.confirming = null)}>Cancel</button>
    </div>`;
  }

  private submitCompare(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.from = Number(data.get('from'));
    this.to = Number(data.get('to'));
    history.replaceState(history.state, '', `?from=${this.from}&to=${this.to}`);
    void this.compare(true);
  }

  private async compare(focus = false): Promise<void> {
    try {
      this.diff = await getDiff(this.consultation, this.section, this.from!, this.to!);
      this.problem = '';
      await this.updateComplete;
      if (focus) this.renderRoot.querySelector<HTMLElement>('#changes')?.focus();
    } catch (error) {
      this.problem = formErrorsFrom(error)[0]?.message ?? 'Those versions could not be compared.';
    }
  }

  private async revert(number: number): Promise<void> {
    try {
      const revision = await revertTo(this.consultation, this.section, number);
      this.confirming = null;
      this.problem = '';
      this.notice = `Version ${revision.number} published: the text of version ${number} again.`;
      this.from = number;
      this.to = revision.number;
      this.data.run();
    } catch (error) {
      this.problem = formErrorsFrom(error)[0]?.message ?? 'The section could not be reverted.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-history': AgoraSectionHistory;
  }
}
