import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsultationDetail } from '../../../server/contracts/consultations';
import type { QuestionView } from '../../../server/contracts/questions';
import { api } from '../../api/api-client';
import '../../ui/agora-error-summary';
import { announceErrors, clearErrorTitle, type FormError, formErrorsFrom } from '../../ui/form-errors';
import { sharedStyles } from '../../ui/shared-styles';
import { commentFormStyles } from '../comments/comment-form-styles';
import { addQuestion, editQuestion, reorderQuestions } from './questions-api';

/**
 * Editors' tools for a consultation's questions: add one (to a section), reword it or move it to
 * another section, and move it up or down. Fires `questions-changed` after each change.
 */
@customElement('agora-question-manager')
export class AgoraQuestionManager extends LitElement {
  static override styles = [
    sharedStyles,
    commentFormStyles,
    css`
      ol { padding-left: 1.5rem; }
      li { margin-bottom: var(--agora-space-3); }
      select { font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); max-width: 100%; }
      .actions button { margin-top: var(--agora-space-1); }
    `,
  ];

  @property() consultation = '';
  @property({ attribute: false }) questions: QuestionView[] = [];
  /** The question being edited (its id), or 'new' for the add form. */
  @state() private editing: number | 'new' | null = null;
  @state() private errors: FormError[] = [];
  @state() private busy = false;

  private readonly sections = new Task(this, {
    task: async ([slug], { signal }) => (await api<{ consultation: ConsultationDetail }>(`/api/consultations/${slug}`, { signal })).consultation.sections,
    args: () => [this.consultation],
  });

  private async change(action: () => Promise<unknown>, focusAfter?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.errors = [];
      this.editing = null;
      clearErrorTitle(this);
      this.dispatchEvent(new CustomEvent('questions-changed', { bubbles: true, composed: true }));
      await this.updateComplete;
      if (focusAfter) this.renderRoot.querySelector<HTMLElement>(focusAfter)?.focus();
    } catch (error) {
      this.errors = formErrorsFrom(error);
      await announceErrors(this);
    } finally {
      this.busy = false;
    }
  }

  private move(index: number, by: -1 | 1): void {
    const ids = this.questions.map((q) => q.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    void this.change(() => reorderQuestions(this.consultation, ids), `#move-${by < 0 ? 'up' : 'down'}-${this.questions[index]!.id}`);
  }

  private save(event: SubmitEvent, question?: QuestionView): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = String(data.get('text') ?? '');
    const section = String(data.get('section') ?? '');
    void this.change(() => (question ? editQuestion(question.id, { text, section }) : addQuestion(this.consultation, section, text)), question ? `#edit-${question.id}` : '#add');
  }

  override render() {
    return html`<section aria-labelledby="manage-title">
      <h2 id="manage-title">Manage the questions</h2>
      <agora-error-summary .errors=${this.errors}></agora-error-summary>
      <ol>
        ${this.questions.map(
          (q, index) => html`<li>
            ${this.editing === q.id
              ? this.renderForm(q)
              : html`<span>${q.text}</span> <span class="muted">(${q.section.title})</span>
                  <div class="actions">
                    <button class="secondary" id="edit-${q.id}" @click=${() => (this.editing = q.id)}>Edit<span class="visually-hidden"> question ${q.number}</span></button>
                    ${index > 0 ? html`<button class="secondary" id="move-up-${q.id}" ?disabled=${this.busy} @click=${() => this.move(index, -1)}>Move up<span class="visually-hidden"> question ${q.number}</span></button>` : nothing}
                    ${index < this.questions.length - 1
                      ? html`<button class="secondary" id="move-down-${q.id}" ?disabled=${this.busy} @click=${() => this.move(index, 1)}>Move down<span class="visually-hidden"> question ${q.number}</span></button>`
                      : nothing}
                  </div>`}
          </li>`,
        )}
      </ol>
      ${this.editing === 'new' ? this.renderForm() : html`<button id="add" class="secondary" @click=${() => (this.editing = 'new')}>Add a question</button>`}
    </section>`;
  }

  private renderForm(question?: QuestionView) {
    const error = (field: string) => this.errors.find((e) => e.field === field)?.message;
    const sections = this.sections.value ?? [];
    return html`<form novalidate @submit=${(event: SubmitEvent) => this.save(event, question)}>
      <div class="field ${error('text') ? 'invalid' : ''}">
        <label for="text">${question ? `Question ${question.number}` : 'New question'}</label>
        ${error('text') ? html`<p class="field-error"><span class="visually-hidden">Error:</span> ${error('text')}</p>` : nothing}
        <textarea id="text" name="text" rows="3" .value=${question?.text ?? ''}></textarea>
      </div>
      <div class="field ${error('section') ? 'invalid' : ''}">
        <label for="section">Section it is about</label>
        ${error('section') ? html`<p class="field-error"><span class="visually-hidden">Error:</span> ${error('section')}</p>` : nothing}
        <select id="section" name="section">
          ${sections.map((s) => html`<option value=${s.slug} ?selected=${s.slug === question?.section.slug}>${s.title}</option>`)}
        </select>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${question ? 'Save the question' : 'Add the question'}</button>
        <button type="button" class="secondary" @click=${() => ((this.editing = null), (this.errors = []))}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-question-manager': AgoraQuestionManager;
  }
}
