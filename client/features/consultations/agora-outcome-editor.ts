import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { navigate } from '../../app/router';
import '../../ui/agora-error-summary';
import '../../ui/agora-load-error';
import '../../ui/agora-markdown-editor';
import type { MarkdownInputEvent } from '../../ui/agora-markdown-editor';
import { FormController } from '../../ui/form-controller';
import { formStyles } from '../../ui/form-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { type AgoraOutcomeThemes, outcomeThemesStyles } from './agora-outcome-themes';
import { canManage, getManaged, publishOutcome } from './consultations-api';
import { themeQuoteStyles } from './theme-quotes';

/** /c/:c/manage/outcome: once the consultation has closed, an editor publishes (or corrects) its outcome. */
@customElement('agora-outcome-editor')
export class AgoraOutcomeEditor extends LitElement {
  static override styles = [sharedStyles, formStyles, outcomeThemesStyles, themeQuoteStyles];

  @property() consultation = '';
  /** What is typed; undefined until the person types, so the stored outcome shows first. */
  @state() private markdown: string | undefined;
  private readonly form = new FormController(this, 'Publish the outcome');
  private readonly session = new SessionController(this);
  private readonly data = new Task(this, {
    task: ([slug], { signal }) => getManaged(slug, signal),
    args: () => [this.consultation] as const,
    autoRun: false,
  });

  protected override willUpdate(): void {
    if (canManage(this.session.user) && this.data.status === TaskStatus.INITIAL) void this.data.run();
  }

  override render() {
    const user = this.session.user;
    if (user === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (!canManage(user)) {
      return html`<h1>Publish the outcome</h1>
        ${user ? html`<p>Only editors can publish the outcome.</p>` : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> as an editor to publish the outcome.</p>`}`;
    }
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="consultation" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: ({ consultation: c }) => html`<p><a href="/c/${c.slug}/manage">Back to managing the consultation</a></p>
        <h1>${c.outcomePublishedAt ? 'Update the outcome' : 'Publish the outcome'}</h1>
        <p>
          ${c.title}. The outcome is the public response: what people said, what you decided and what changed. It appears on the consultation's page and
          on its outcome page, with the versions published since it opened and the numbers of responses.
        </p>
        <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
        ${user?.can.analyseResponses ? html`<agora-outcome-themes consultation=${c.slug}></agora-outcome-themes>` : nothing}
        <h2>The outcome as a whole</h2>
        <form novalidate @submit=${(event: SubmitEvent) => this.form.submit(event, () => this.publish(c.outcomeMarkdown ?? ''))}>
          <agora-markdown-editor
            id="markdown"
            label="The outcome"
            hint="Markdown: ## for a heading such as “What you said” or “What we did”, a blank line between paragraphs."
            .value=${this.markdown ?? c.outcomeMarkdown ?? ''}
            .error=${this.form.errorFor('markdown')}
            @markdown-input=${(e: MarkdownInputEvent) => (this.markdown = e.detail.markdown)}
          ></agora-markdown-editor>
          <button ?disabled=${this.form.busy}>${c.outcomePublishedAt ? 'Publish the update' : 'Publish the outcome'}</button>
          ${this.form.busy ? html`<span role="status">Publishing…</span>` : nothing}
        </form>`,
    });
  }

  private async publish(stored: string): Promise<void> {
    try {
      await publishOutcome(this.consultation, this.markdown ?? stored);
    } catch (error) {
      // A theme without a response or a response in no theme: show the themes as they now stand.
      this.renderRoot.querySelector<AgoraOutcomeThemes>('agora-outcome-themes')?.refresh();
      throw error;
    }
    navigate(`/c/${this.consultation}/outcome`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-outcome-editor': AgoraOutcomeEditor;
  }
}
