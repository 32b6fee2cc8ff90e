import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Proposing } from '../../../server/contracts/proposals';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-load-error';
import '../../ui/agora-markdown-editor';
import type { MarkdownInputEvent } from '../../ui/agora-markdown-editor';
import '../../ui/agora-text-field';
import { FormController } from '../../ui/form-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { proposalStyles } from './proposal-styles';
import { getDraft, getProposal, listProposals, reviseProposal, saveDraft, submitProposal } from './proposals-api';
import { getSection } from '../consultations/consultations-api';
import { setPageTitle } from '../../ui/page-title';

const AUTOSAVE_MS = 1_000;
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** What the page edits: a new proposal (autosaved as a draft) or one of the author's open proposals. */
interface Editing {
  consultation: { slug: string; title: string };
  section: { slug: string; title: string; currentRevision: number };
  proposalId?: number;
  proposing: Proposing;
}

/**
 * "Suggest an edit" (`/c/:c/:s/propose`) and "Revise" (`/p/:id/revise`): a Markdown textarea with
 * the server-rendered preview beside it and a summary. A new proposal is saved as a draft on the
 * server shortly after every change and as the page closes, so closing the tab loses nothing.
 */
@customElement('agora-proposal-editor')
export class AgoraProposalEditor extends LitElement {
  static override styles = [sharedStyles, proposalStyles];

  @property() consultation = '';
  @property() section = '';
  /** Set when revising an open proposal instead of writing a new one. */
  @property({ type: Number }) proposalId?: number;

  @state() private markdown = '';
  @state() private summary = '';
  @state() private baseRevision = 0;
  @state() private saveStatus = '';
  private readonly session = new SessionController(this);
  private readonly form = new FormController(this, 'Suggest an edit');
  private saveTimer?: ReturnType<typeof setTimeout>;
  private unsaved = false;
  private saving?: Promise<void>;

  private readonly data = new Task(this, {
    task: async ([consultation, section, proposalId, userId], { signal }): Promise<Editing | undefined> => {
      if (userId === undefined) return undefined;
      if (proposalId !== undefined) return this.loadProposal(proposalId, signal);
      const [current, draft, list] = await Promise.all([
        getSection(consultation, section, signal),
        getDraft(consultation, section, signal),
        listProposals(consultation, section, { status: 'open' }, signal),
      ]);
      this.markdown = draft?.markdown ?? current.revision.markdown;
      this.summary = draft?.summary ?? '';
      this.baseRevision = draft?.baseRevision ?? current.revision.number;
      this.saveStatus = draft ? `Draft saved at ${timeFormat.format(new Date(draft.savedAt))}` : '';
      return {
        consultation: current.consultation,
        section: { slug: current.slug, title: current.title, currentRevision: current.revision.number },
        proposing: list.proposing,
      };
    },
    // Signed out, there is nothing to load; signing in (user id changes) loads the draft.
    args: () => [this.consultation, this.section, this.proposalId, this.session.user ? this.session.user.id : undefined] as const,
  });

  private async loadProposal(id: number, signal: AbortSignal): Promise<Editing> {
    const proposal = await getProposal(id, signal);
    this.markdown = proposal.markdown;
    this.summary = proposal.summary;
    this.baseRevision = proposal.baseRevision;
    const { section } = proposal;
    const proposing: Proposing = proposal.can.revise ? { allowed: true } : { allowed: false, code: 'cannot_revise', message: 'You can no longer revise this proposal.' };
    return { consultation: section.consultation, section, proposalId: id, proposing };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.saveNow);
    document.addEventListener('visibilitychange', this.saveWhenHidden);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.saveNow);
    document.removeEventListener('visibilitychange', this.saveWhenHidden);
    // Navigating away inside the app: save what is pending now rather than drop it.
    this.saveNow();
    super.disconnectedCallback();
  }

  protected override updated(): void {
    const editing = this.data.value;
    if (editing) setPageTitle(this.heading(editing));
  }

  private heading(editing: Editing): string {
    return editing.proposalId ? `Revise proposed edit #${editing.proposalId}` : `Suggest an edit to ${editing.section.title}`;
  }

  private readonly saveWhenHidden = (): void => {
    if (document.visibilityState === 'hidden') this.saveNow();
  };

  /** Drafts only: a revision of an open proposal is saved when its author says so. */
  private changed(): void {
    if (this.data.value?.proposalId !== undefined || !this.data.value) return;
    this.unsaved = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(false), AUTOSAVE_MS);
  }

  private readonly saveNow = (): void => {
    clearTimeout(this.saveTimer);
    if (this.unsaved) void this.save(true);
  };

  private async save(closing: boolean): Promise<void> {
    await this.saving; // one save at a time, in order
    if (!this.unsaved) return;
    this.unsaved = false;
    this.saving = saveDraft(this.consultation, this.section, { baseRevision: this.baseRevision, markdown: this.markdown, summary: this.summary }, closing).then(
      (draft) => {
        this.saveStatus = `Draft saved at ${timeFormat.format(new Date(draft.savedAt))}`;
      },
      (error: Error) => {
        this.unsaved = true;
        this.saveStatus = `Your draft could not be saved (${error.message}). Keep this page open; we will try again when you next type.`;
      },
    );
    await this.saving;
  }

  private async submit(event: SubmitEvent, editing: Editing): Promise<void> {
    event.preventDefault();
    await this.form.run(async () => {
      const body = { markdown: this.markdown, summary: this.summary };
      // Submitting turns the draft into the proposal: no autosave may land after it.
      clearTimeout(this.saveTimer);
      this.unsaved = false;
      await this.saving;
      const proposal =
        editing.proposalId !== undefined
          ? await reviseProposal(editing.proposalId, body)
          : await submitProposal(this.consultation, this.section, { ...body, baseRevision: this.baseRevision });
      this.unsaved = false;
      navigate(`/p/${proposal.id}`);
    });
  }

  override render() {
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (user === null) {
      const back = location.pathname;
      setPageTitle('Sign in to suggest an edit');
      return html`<h1>Suggest an edit</h1>
        <p>You need to be signed in to suggest an edit. <a href=${authPageHref('/sign-in', back)}>Sign in</a> or <a href=${authPageHref('/register', back)}>create an account</a>.</p>`;
    }
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="section" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: (editing) => (editing ? this.renderEditor(editing) : nothing),
    });
  }

  private renderEditor(editing: Editing) {
    const { consultation, section } = editing;
    const revising = editing.proposalId !== undefined;
    return html`
      <p><a href=${revising ? `/p/${editing.proposalId}` : `/c/${consultation.slug}/${section.slug}`}>Back to ${revising ? 'the proposal' : section.title}</a></p>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <h1>${this.heading(editing)}</h1>
      ${editing.proposing.allowed ? nothing : html`<p class="notice warning">${editing.proposing.message}</p>`}
      <p>
        Change the text below and say in a sentence what you changed. An editor will review your proposal, and anyone can discuss it.
        ${revising ? nothing : 'Your draft is saved as you type, so you can leave and come back to it.'}
      </p>
      ${this.baseRevision < section.currentRevision
        ? html`<p class="notice">
            You started from version ${this.baseRevision}; the section is now at version ${section.currentRevision}. Your changes will be combined
            with the newer text when an editor reviews them.
          </p>`
        : nothing}
      <form novalidate @submit=${(event: SubmitEvent) => this.submit(event, editing)}>
        <agora-markdown-editor
          id="markdown"
          label="Your version of the text"
          hint="Written in Markdown: leave a blank line between paragraphs, start a heading with ##, a list item with - and write **bold** between double stars."
          .value=${this.markdown}
          .error=${this.form.errorFor('markdown')}
          @markdown-input=${(event: MarkdownInputEvent) => {
            this.markdown = event.detail.markdown;
            this.changed();
          }}
        ></agora-markdown-editor>
        <agora-text-field
          id="summary"
          name="summary"
          label="Summary of your change"
          hint="One sentence, for example: Make the first principle clearer."
          .value=${this.summary}
          .error=${this.form.errorFor('summary')}
          @input=${(event: Event) => {
            this.summary = (event.currentTarget as HTMLElement & { value: string }).value;
            this.changed();
          }}
        ></agora-text-field>
        <div class="actions">
          <button type="submit" ?disabled=${this.form.busy}>${revising ? 'Save changes' : 'Submit proposal'}</button>
          ${revising ? nothing : html`<p class="muted" role="status">${this.saveStatus}</p>`}
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-proposal-editor': AgoraProposalEditor;
  }
}
