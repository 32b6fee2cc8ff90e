import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DraftTheme, OutcomeDraft, ThemeRevision } from '../../../server/contracts/outcome-themes';
import '../../ui/agora-load-error';
import { formErrorsFrom } from '../../ui/form-errors';
import { plural } from '../comments/comment-kinds';
import { answerTheme, getOutcomeDraft, listRestAsNotThemed } from './outcome-themes-api';
import { themeCounts, themeQuote } from './theme-quotes';

/** Styles for <agora-outcome-themes>, which renders into its host's shadow root: the host adds them. */
export const outcomeThemesStyles = css`
  .theme { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; max-width: var(--agora-measure); }
  .theme textarea { display: block; width: 100%; box-sizing: border-box; min-height: 6rem; }
  .theme label, .theme legend { font-weight: 700; }
  .theme fieldset { border: none; padding: 0; margin: var(--agora-space-3) 0 0; }
  .theme fieldset label { font-weight: 400; display: block; margin: var(--agora-space-1) 0; }
  .hint { color: var(--agora-text-muted); margin: 0 0 var(--agora-space-1); }
  .message { color: var(--agora-error); font-weight: 700; margin: 0 0 var(--agora-space-1); }
`;

/**
 * "You said, we did" in the outcome editor: for each theme, what people said, the body's response
 * and the versions that changed because of it; then the responses in no theme. It renders into
 * the editor's own shadow root so that the publish form's error summary can link to each field.
 */
@customElement('agora-outcome-themes')
export class AgoraOutcomeThemes extends LitElement {
  @property() consultation = '';
  /** Per theme: the save's error, or that it was saved. */
  @state() private saved = new Map<number, { error?: string; done?: boolean }>();
  @state() private listing = '';
  private readonly draft = new Task(this, {
    task: ([slug], { signal }) => getOutcomeDraft(slug, signal),
    args: () => [this.consultation] as const,
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Reads again, after the outcome failed to publish (someone else may have changed the themes). */
  refresh(): void {
    void this.draft.run();
  }

  override render() {
    return this.draft.render({
      pending: () => (this.draft.value ? this.renderDraft(this.draft.value) : html`<p aria-live="polite">Loading the themes…</p>`),
      error: (error) => html`<agora-load-error .error=${error} what="themes" @retry=${() => this.draft.run()}></agora-load-error>`,
      complete: (draft) => this.renderDraft(draft),
    });
  }

  private renderDraft(draft: OutcomeDraft) {
    if (draft.themes.length === 0) return nothing;
    return html`<h2>What people said, by theme</h2>
      <p>
        The outcome page shows each theme with what people said and your response to it. Write a response to every theme, and link the versions that
        changed because of it. Themes come from the <a href="/c/${this.consultation}/analysis">analysis of the responses</a>.
      </p>
      ${draft.themes.map((theme) => this.renderTheme(theme, draft.revisions))} ${this.renderUnsorted(draft)}`;
  }

  private renderTheme(theme: DraftTheme, revisions: ThemeRevision[]) {
    const id = `theme-${theme.id}`;
    const { error, done } = this.saved.get(theme.id) ?? {};
    return html`<section class="theme" aria-labelledby="${id}-title">
      <h3 id="${id}-title">${theme.label}</h3>
      <p>${themeCounts(theme.kinds)}${theme.section ? ` · in ${theme.section}` : ''}</p>
      ${theme.representatives.map(themeQuote)}
      <form novalidate @submit=${(event: SubmitEvent) => this.save(event, theme)}>
        <label for="${id}-response">Our response to “${theme.label}”</label>
        <p class="hint" id="${id}-hint">What you decided about it and why. Markdown: a blank line between paragraphs.</p>
        ${error ? html`<p class="message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
        <textarea id="${id}-response" name="response" aria-describedby="${id}-hint ${error ? `${id}-error` : ''}" .value=${theme.response ?? ''}></textarea>
        <fieldset>
          <legend>Versions that changed because of it</legend>
          ${revisions.length === 0
            ? html`<p class="hint">No version was published after the consultation opened.</p>`
            : revisions.map(
                (r) => html`<label><input type="checkbox" name="revision" value=${r.id} .checked=${theme.revisionIds.includes(r.id)} /> ${r.sectionTitle}, version ${r.number}: ${r.summary}</label>`,
              )}
        </fieldset>
        <button>Save the response<span class="visually-hidden"> to “${theme.label}”</span></button>
        <span role="status">${done ? 'Saved.' : ''}</span>
      </form>
    </section>`;
  }

  private renderUnsorted(draft: OutcomeDraft) {
    const { unsorted, notThemed } = draft;
    return html`<section class="theme" aria-labelledby="unsorted-title">
      <h3 id="unsorted-title">Responses in no theme</h3>
      ${notThemed.total > 0 ? html`<p>${plural(notThemed.total, 'response')} listed as not themed: the outcome page lists them under “Not themed”.</p>` : nothing}
      ${unsorted.total === 0
        ? html`<p>Every response is in a theme or listed as not themed.</p>`
        : html`<p>
              ${plural(unsorted.total, 'response is', 'responses are')} in no theme. Put them in a theme on the analysis page, or list them as not themed
              on the outcome page.
            </p>
            <details>
              <summary>Read the responses in no theme</summary>
              ${unsorted.responses.map(themeQuote)}
              ${unsorted.total > unsorted.responses.length ? html`<p>And ${plural(unsorted.total - unsorted.responses.length, 'more')}.</p>` : nothing}
            </details>
            <button id="unsorted" type="button" class="secondary" @click=${() => this.listRest()}>List ${plural(unsorted.total, 'response')} as not themed</button>`}
      <span role="status">${this.listing}</span>
    </section>`;
  }

  private async save(event: SubmitEvent, theme: DraftTheme): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const body = { response: String(data.get('response') ?? ''), revisionIds: data.getAll('revision').map(Number) };
    try {
      await answerTheme(this.consultation, theme.id, body);
      this.saved = new Map(this.saved).set(theme.id, { done: true });
      await this.draft.run();
    } catch (error) {
      this.saved = new Map(this.saved).set(theme.id, { error: formErrorsFrom(error)[0]?.message ?? 'The response was not saved.' });
      await this.updateComplete;
      this.querySelector<HTMLTextAreaElement>(`#theme-${theme.id}-response`)?.focus();
    }
  }

  private async listRest(): Promise<void> {
    try {
      const { listed } = await listRestAsNotThemed(this.consultation);
      this.listing = `${plural(listed, 'response')} listed as not themed.`;
      await this.draft.run();
    } catch (error) {
      this.listing = formErrorsFrom(error)[0]?.message ?? 'The responses were not listed.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-outcome-themes': AgoraOutcomeThemes;
  }
}
