import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SectionDetail } from '../../../server/contracts/consultations';
import { sectionChannel } from '../../../server/contracts/live';
import type { EditSectionResult, MergeConflictDetails } from '../../../server/contracts/revisions';
import { ApiError } from '../../api/api-client';
import '../../ui/agora-conflict-resolver';
import '../../ui/agora-error-summary';
import '../../ui/agora-load-error';
import '../../ui/agora-text-field';
import { FormController } from '../../ui/form-controller';
import { sectionTextEditor } from '../../ui/section-text-editor';
import { LiveChannelController } from '../../live/live-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import './agora-section-lock';
import { canEdit, getHistory, historyPath, saveEdit } from './revisions-api';
import { getSection } from '../consultations/consultations-api';

/**
 * `/c/:c/:s/edit`: an editor changes a section directly. The save carries the version the text
 * was started from; if others published since, the server merges, or answers with conflicts
 * that are settled here with the editor's text kept. Nothing is overwritten unseen.
 */
@customElement('agora-section-editor')
export class AgoraSectionEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .hint { color: var(--agora-text-muted); margin: 0 0 var(--agora-space-2); }
      .panel { border: 5px solid var(--agora-success); padding: var(--agora-space-3); margin-bottom: var(--agora-space-4); max-width: var(--agora-measure); }
      .panel:focus { outline: 3px solid var(--agora-focus); }
      .conflict-intro { border-left: 5px solid var(--agora-warning); padding-left: var(--agora-space-3); }
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';

  @state() private markdown = '';
  @state() private summary = '';
  @state() private baseRevision = 0;
  @state() private conflict: MergeConflictDetails | null = null;
  @state() private saved: EditSectionResult | null = null;
  /** A version someone else published since this text was started from (the save will merge). */
  @state() private landed: { number: number; by: string } | null = null;
  private readonly form = new FormController(this, 'Edit a section');
  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: async ([consultation, section], { signal }) => {
      const [detail, history] = await Promise.all([
        getSection(consultation, section, signal),
        getHistory(consultation, section, signal),
      ]);
      this.startFrom(detail);
      return { section: detail, lock: history.lock };
    },
    args: () => [this.consultation, this.section] as const,
  });

  constructor() {
    super();
    const live = (this.live = new LiveChannelController(
      this,
      () => {
        const section = this.data.value?.section;
        return section && { channel: sectionChannel(section.consultation.slug, section.slug), since: section.liveSeq };
      },
      {
        onEvent: (...[type, data]) => {
          if (type === 'revision.published' && data.number > this.baseRevision) {
            this.landed = { number: data.number, by: data.author?.displayName ?? 'someone' };
          }
        },
      },
    ));
    // Others on the section see that someone is editing it.
    this.addController({ hostUpdated: () => canEdit(this.session.user) && live.setActivity('editing') });
  }

  private readonly live: LiveChannelController;

  /** Other people editing this section right now (presence lists names, this editor included). */
  private otherEditors(): string[] {
    const editing = [...(this.live.presence?.editing ?? [])];
    const own = editing.indexOf(this.session.user?.displayName ?? '');
    if (own >= 0) editing.splice(own, 1);
    return editing;
  }

  private startFrom(section: SectionDetail): void {
    this.markdown = section.revision.markdown;
    this.baseRevision = section.revision.number;
    this.conflict = null;
    this.landed = null;
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="section" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: ({ section, lock }) => {
        const sectionPath = `/c/${this.consultation}/${this.section}`;
        const user = this.session.user;
        const header = html`<p><a href=${sectionPath}>${section.title}</a></p>
          <h1>Edit ${section.title}</h1>`;
        if (user === undefined) return html`${header}<p aria-live="polite">Checking who is signed in…</p>`;
        if (!canEdit(user)) {
          return html`${header}
            <p>Only editors can change a section directly. You can comment on it or suggest an edit from the section page.</p>
            ${user ? nothing : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> if you are an editor.</p>`}`;
        }
        return html`${header}
          <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
          ${this.saved ? this.renderSaved(this.saved, sectionPath) : nothing}
          <agora-section-lock .consultation=${this.consultation} .section=${this.section} .lock=${lock} editable></agora-section-lock>
          ${this.conflict ? this.renderConflict(this.conflict) : this.renderForm()}`;
      },
    });
  }

  private renderSaved(saved: EditSectionResult, sectionPath: string) {
    return html`<div class="panel" role="status" tabindex="-1">
      <h2>Version ${saved.revision.number} published</h2>
      ${saved.merged ? html`<p>Others had changed the section since you started; your changes were combined with theirs.</p>` : nothing}
      <div class="links">
        <a href=${sectionPath}>Read it</a>
        <a href=${historyPath(this.consultation, this.section)}>See all versions</a>
      </div>
    </div>`;
  }

  private renderForm() {
    return html`<form @submit=${(e: SubmitEvent) => this.form.submit(e, (values) => this.save(values.get('summary')))}>
      <p class="hint">You are editing version ${this.baseRevision}. If someone else publishes meanwhile, their changes and yours are combined when you save.</p>
      ${this.otherEditors().length > 0
        ? html`<p class="conflict-intro" role="status">
            ${this.otherEditors().join(' and ')} ${this.otherEditors().length === 1 ? 'is' : 'are'} also editing this section now. Agree who changes
            which part, or you may have to choose between your versions when you save.
          </p>`
        : nothing}
      ${this.landed
        ? html`<p class="conflict-intro" role="status">
            ${this.landed.by} published version ${this.landed.number} while you were editing. When you save, their changes and yours will be combined; if you
            both changed the same words, you will choose which to keep.
          </p>`
        : nothing}
      ${sectionTextEditor(this.markdown, this.form.errorFor('markdown'), (markdown) => (this.markdown = markdown))}
      <agora-text-field
        id="summary"
        name="summary"
        label="What did you change?"
        hint="Shown in the history, for example: clearer wording on procurement."
        .value=${this.summary}
        .error=${this.form.errorFor('summary')}
        @input=${(e: Event) => (this.summary = (e.target as HTMLInputElement).value)}
      ></agora-text-field>
      <button ?disabled=${this.form.busy}>Publish this version</button>
    </form>`;
  }

  private renderConflict(conflict: MergeConflictDetails) {
    return html`<h2>Someone else changed the same part</h2>
      <p class="conflict-intro">
        Version ${conflict.currentRevision} was published while you were editing, and it changes some of the same text as you. Your text is
        kept: for each conflict below, choose the current wording, yours, or write a new one. The rest of both changes is combined.
      </p>
      <agora-conflict-resolver
        .chunks=${conflict.chunks}
        oursLabel="Current version ${conflict.currentRevision}"
        theirsLabel="Your text"
        submitLabel="Publish with these choices"
        ?busy=${this.form.busy}
        @resolve=${(e: CustomEvent<{ markdown: string }>) => this.form.run(() => this.save(this.summary, e.detail.markdown))}
      ></agora-conflict-resolver>
      <details>
        <summary>Your whole text, as you wrote it</summary>
        <pre>${this.markdown}</pre>
      </details>`;
  }

  /** Saves the text (or, after a conflict, the resolved text against the version it was resolved with). */
  private async save(summary: string, resolvedMarkdown?: string): Promise<void> {
    this.summary = summary;
    try {
      const result = await saveEdit(this.consultation, this.section, {
        baseRevision: this.baseRevision,
        markdown: this.markdown,
        summary,
        ...(resolvedMarkdown !== undefined && this.conflict ? { resolvedMarkdown, currentRevision: this.conflict.currentRevision } : {}),
      });
      this.saved = result;
      this.markdown = result.revision.markdown;
      this.baseRevision = result.revision.number;
      this.landed = null;
      this.summary = '';
      this.conflict = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'merge_conflict')) throw error;
      this.conflict = error.details as unknown as MergeConflictDetails;
      this.saved = null;
      await this.updateComplete;
      this.renderRoot.querySelector('h2')?.scrollIntoView({ block: 'start' });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-editor': AgoraSectionEditor;
  }
}
