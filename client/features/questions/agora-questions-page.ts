import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnswerQuestionsResult } from '../../../server/contracts/questions';
import '../../ui/agora-error-summary';
import '../../ui/agora-load-error';
import { FormController } from '../../ui/form-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { commentFormStyles } from '../comments/comment-form-styles';
import './agora-question-manager';
import { answerQuestions, getQuestions } from './questions-api';

/**
 * A consultation's numbered questions, answered in one form: who the respondent writes as
 * (individual or organisation, named), then any of the questions. Each answer is published as a
 * comment on its question's section. Editors also get the tools to add, edit and reorder questions.
 */
@customElement('agora-questions-page')
export class AgoraQuestionsPage extends LitElement {
  static override styles = [
    sharedStyles,
    commentFormStyles,
    css`
      ol.questions { padding-left: 0; list-style: none; }
      ol.questions > li { margin-bottom: var(--agora-space-4); }
      input[type='text'] { display: block; width: 100%; max-width: 30rem; font: inherit; padding: var(--agora-space-1) var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
      .conditional { margin: 0 0 var(--agora-space-3) 1.2rem; border-left: 4px solid var(--agora-border); padding-left: var(--agora-space-3); }
    `,
  ];

  @property() consultation = '';
  @state() private respondent: 'individual' | 'organisation' = 'individual';
  @state() private saved: AnswerQuestionsResult['answers'] | null = null;
  private readonly form = new FormController(this, 'Questions for respondents');
  private readonly session = new SessionController(this);

  private readonly data = new Task(this, {
    task: ([slug], { signal }) => getQuestions(slug, signal),
    args: () => [this.consultation],
  });

  private async submit(event: SubmitEvent): Promise<void> {
    const questions = this.data.value?.questions ?? [];
    // Read now: once the event has been dispatched its target no longer points inside this shadow root.
    const formElement = event.target as HTMLFormElement;
    const done = await this.form.submit(event, async (values) => {
      const result = await answerQuestions(this.consultation, {
        respondent: this.respondent === 'organisation' ? { type: 'organisation', organisation: values.get('organisation') } : { type: 'individual' },
        answers: questions.map((q) => ({ questionId: q.id, body: values.get(`answer-${q.id}`) })),
      });
      this.saved = result.answers;
    });
    if (done) {
      formElement.reset();
      this.respondent = 'individual';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
    }
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="questions" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: (list) => html`
        <p><a href="/c/${this.consultation}">Back to the consultation</a></p>
        <h1>Questions for respondents</h1>
        ${list.questions.length === 0 ? html`<p>This consultation asks no questions of its own. You can comment on any section.</p>` : nothing}
        ${this.renderSaved()}
        ${list.can.answer && list.questions.length > 0 ? this.renderForm(list.questions) : this.renderList(list.questions, list.can.answer)}
        ${list.can.manage ? html`<agora-question-manager .consultation=${this.consultation} .questions=${list.questions} @questions-changed=${() => this.data.run()}></agora-question-manager>` : nothing}
      `,
    });
  }

  private renderSaved() {
    if (!this.saved) return nothing;
    const n = this.saved.length;
    return html`<div class="confirmation" tabindex="-1" role="status">
      <p>Thank you. Your ${n === 1 ? 'answer is' : `${n} answers are`} saved${this.saved.some((a) => a.comment.status === 'pending') ? ' and will be published once a moderator has checked them' : ''}.</p>
      <ul>
        ${this.saved.map((a) => html`<li><a href="/c/${this.consultation}/${a.section}#comment-${a.comment.id}">Your answer to question ${this.numberOf(a.questionId)}</a></li>`)}
      </ul>
    </div>`;
  }

  private numberOf(id: number): number | string {
    return this.data.value?.questions.find((q) => q.id === id)?.number ?? '';
  }

  private renderList(questions: { id: number; number: number; text: string; section: { slug: string; title: string } }[], canAnswer: boolean) {
    return html`
      ${canAnswer || questions.length === 0
        ? nothing
        : this.session.user
          ? html`<p>The consultation is not open, so answers are not being taken.</p>`
          : html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in</a> to answer these questions while the consultation is open.</p>`}
      <ol class="questions">
        ${questions.map((q) => html`<li id="question-${q.id}"><strong>${q.number}. ${q.text}</strong><br /><a href="/c/${this.consultation}/${q.section.slug}">${q.section.title}</a></li>`)}
      </ol>
    `;
  }

  private renderForm(questions: { id: number; number: number; text: string; section: { slug: string; title: string } }[]) {
    const orgError = this.form.errorFor('respondent.organisation');
    const answersError = this.form.errorFor('answers') || this.form.errorFor('questionId');
    return html`<form novalidate @submit=${this.submit}>
      <agora-error-summary .errors=${this.form.errors}></agora-error-summary>
      <fieldset id="respondent">
        <legend>Are you responding as an individual or on behalf of an organisation?</legend>
        <div class="radio">
          <input type="radio" id="as-individual" name="respondent" value="individual" .checked=${this.respondent === 'individual'} @change=${() => (this.respondent = 'individual')} />
          <label for="as-individual">As an individual</label>
        </div>
        <div class="radio">
          <input type="radio" id="as-organisation" name="respondent" value="organisation" .checked=${this.respondent === 'organisation'} @change=${() => (this.respondent = 'organisation')} />
          <label for="as-organisation">On behalf of an organisation</label>
        </div>
        ${this.respondent === 'organisation'
          ? html`<div class="conditional field ${orgError ? 'invalid' : ''}">
              <label for="respondent.organisation">Name of the organisation</label>
              ${orgError ? html`<p class="field-error" id="organisation-error"><span class="visually-hidden">Error:</span> ${orgError}</p>` : nothing}
              <input type="text" id="respondent.organisation" name="organisation" autocomplete="organization" aria-describedby=${orgError ? 'organisation-error' : nothing} />
            </div>`
          : nothing}
      </fieldset>
      <div id="answers" tabindex="-1" class=${answersError ? 'invalid' : ''}>
        <p class="hint">Answer as many questions as you like; leave the others empty. Each answer is published with your name in the section the question is about.</p>
        ${answersError ? html`<p class="field-error"><span class="visually-hidden">Error:</span> ${answersError}</p>` : nothing}
        <ol class="questions">
          ${questions.map(
            (q) => html`<li id="question-${q.id}" class="field">
              <label for="answer-${q.id}">${q.number}. ${q.text}</label>
              <span class="hint" id="answer-${q.id}-hint">About <a href="/c/${this.consultation}/${q.section.slug}">${q.section.title}</a></span>
              <textarea id="answer-${q.id}" name="answer-${q.id}" rows="4" aria-describedby="answer-${q.id}-hint"></textarea>
            </li>`,
          )}
        </ol>
      </div>
      <button type="submit" ?disabled=${this.form.busy}>Send your answers</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-questions-page': AgoraQuestionsPage;
  }
}
