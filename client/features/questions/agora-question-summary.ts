import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { getQuestions } from './questions-api';

/** On a consultation's front page: its numbered questions and the way to answer them (nothing when it asks none). */
@customElement('agora-question-summary')
export class AgoraQuestionSummary extends LitElement {
  static override styles = [sharedStyles, css`ol { padding-left: 1.5rem; } li { margin-bottom: var(--agora-space-1); }`];

  @property() slug = '';

  private readonly data = new Task(this, {
    task: ([slug], { signal }) => getQuestions(slug, signal),
    args: () => [this.slug],
  });

  override render() {
    const list = this.data.value;
    if (!list || (list.questions.length === 0 && !list.can.manage)) return null;
    return html`<h2>Questions for respondents</h2>
      <ol>${list.questions.map((q) => html`<li>${q.text}</li>`)}</ol>
      <p><a href="/c/${this.slug}/questions">${list.can.answer ? 'Answer the questions' : list.can.manage ? 'See and manage the questions' : 'See the questions'}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-question-summary': AgoraQuestionSummary;
  }
}
