import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ConsultationSummary } from '../../../server/contracts/consultations';
import type { CommentHit, SearchResults, SectionHit } from '../../../server/contracts/search';
import { api } from '../../api/api-client';
import { navigate } from '../../app/router';
import '../../ui/agora-load-error';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { setPageTitle } from '../../ui/page-title';
import { KIND_CHOICES, KIND_TAGS } from '../comments/comment-kinds';
import { getQuestions } from '../questions/questions-api';

const FILTERS = ['q', 'consultation', 'question', 'kind', 'from', 'to', 'page'] as const;

/**
 * Search results for `?q=` with filters (consultation, question, kind, dates). Every filter lives in the URL,
 * so a search can be bookmarked, shared and reloaded. Snippets are HTML the server escaped, with
 * only <mark> added around the matching words.
 */
@customElement('agora-search-page')
export class AgoraSearchPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form { display: grid; gap: var(--agora-space-3); grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)); align-items: end; max-width: 60rem; margin-bottom: var(--agora-space-4); }
      form .words { grid-column: 1 / -1; }
      label { display: block; font-weight: 700; margin-bottom: var(--agora-space-1); }
      input, select { font: inherit; width: 100%; min-height: 2.75rem; padding: var(--agora-space-1) var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; background: #fff; color: var(--agora-text); }
      ol { list-style: none; padding: 0; max-width: var(--agora-measure); }
      li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; overflow-wrap: anywhere; }
      li p { margin: var(--agora-space-1) 0; }
      mark { background: var(--agora-highlight, #fff2a8); color: inherit; font-weight: 700; }
      .pager { display: flex; gap: var(--agora-space-3); }
    `,
  ];

  /** The page's query string (`location.search`), set by the app shell. */
  @property() search = '';

  private get params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  private readonly consultations = new Task(this, {
    task: async (_, { signal }) => (await api<{ consultations: ConsultationSummary[] }>('/api/consultations', { signal })).consultations,
    args: () => [],
  });

  /** The consultation chosen in the form (before searching too): its questions can then be chosen. */
  @state() private chosenConsultation: string | null = null;

  private readonly questions = new Task(this, {
    task: async ([slug], { signal }) => (slug ? (await getQuestions(slug, signal)).questions : []),
    args: () => [this.chosenConsultation ?? this.params.get('consultation') ?? ''],
  });

  private readonly results = new Task(this, {
    task: async ([search], { signal }) => {
      const params = new URLSearchParams(search);
      if (!params.get('q')?.trim()) return undefined;
      return api<SearchResults>(`/api/search?${params}`, { signal });
    },
    args: () => [this.search],
  });

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = data.get(name)?.toString().trim();
      if (value) query.set(name, value);
    }
    navigate(`/search?${query}`);
  }

  private pageLink(page: number) {
    const query = this.params;
    query.set('page', String(page));
    return `/search?${query}`;
  }

  private renderSection(hit: SectionHit) {
    return html`<li>
      <a href="/c/${hit.consultation.slug}/${hit.section.slug}">${hit.section.title}</a>
      <span class="muted">— ${hit.consultation.title}</span>
      <p>${unsafeHTML(hit.snippet)}</p>
    </li>`;
  }

  private renderComment(hit: CommentHit) {
    return html`<li>
      <a href="/c/${hit.consultation.slug}/${hit.section.slug}#comment-${hit.commentId}">${KIND_TAGS[hit.kind]} by ${hit.author ?? 'a deleted account'}</a>
      <span class="muted">on ${hit.section.title}, ${formatDate(hit.createdAt)}</span>
      <p>${unsafeHTML(hit.snippet)}</p>
    </li>`;
  }

  private renderResults(results: SearchResults | undefined) {
    if (!results) return html`<p>Type the words you are looking for.</p>`;
    const { sections, comments, page, hasMore } = results;
    if (sections.length === 0 && comments.length === 0) return html`<p role="status">No results. Try other words or fewer filters.</p>`;
    return html`
      <p role="status" class="visually-hidden">Results loaded.</p>
      ${sections.length ? html`<h2>In the text</h2><ol>${sections.map((hit) => this.renderSection(hit))}</ol>` : ''}
      ${comments.length ? html`<h2>In comments${page > 1 ? html`, page ${page}` : ''}</h2><ol>${comments.map((hit) => this.renderComment(hit))}</ol>` : ''}
      <nav class="pager" aria-label="Result pages">
        ${page > 1 ? html`<a href=${this.pageLink(page - 1)}>Previous page</a>` : ''}
        ${hasMore ? html`<a href=${this.pageLink(page + 1)}>Next page</a>` : ''}
      </nav>
    `;
  }

  override render() {
    const params = this.params;
    const q = params.get('q') ?? '';
    setPageTitle(q ? `Search: ${q}` : 'Search');
    return html`
      <h1>Search</h1>
      <form @submit=${this.submit}>
        <div class="words"><label for="q">Words to find</label><input id="q" name="q" type="search" .value=${q} /></div>
        <div>
          <label for="consultation">Consultation</label>
          <select id="consultation" name="consultation" @change=${(event: Event) => (this.chosenConsultation = (event.target as HTMLSelectElement).value)}>
            <option value="">All consultations</option>
            ${(this.consultations.value ?? []).map((c) => html`<option value=${c.slug} ?selected=${params.get('consultation') === c.slug}>${c.title}</option>`)}
          </select>
        </div>
        ${this.questions.value?.length
          ? html`<div>
              <label for="question">Answers to question</label>
              <select id="question" name="question">
                <option value="">Any or none</option>
                ${this.questions.value.map((q) => html`<option value=${q.id} ?selected=${params.get('question') === String(q.id)}>${q.number}. ${q.text}</option>`)}
              </select>
            </div>`
          : ''}
        <div>
          <label for="kind">Kind of comment</label>
          <select id="kind" name="kind">
            <option value="">Any kind</option>
            ${KIND_CHOICES.map(({ kind }) => html`<option value=${kind} ?selected=${params.get('kind') === kind}>${KIND_TAGS[kind]}</option>`)}
          </select>
        </div>
        <div><label for="from">Posted from</label><input id="from" name="from" type="date" .value=${params.get('from') ?? ''} /></div>
        <div><label for="to">Posted until</label><input id="to" name="to" type="date" .value=${params.get('to') ?? ''} /></div>
        <div><button type="submit">Search</button></div>
      </form>
      ${this.results.render({
        pending: () => html`<p role="status">Searching…</p>`,
        complete: (results) => this.renderResults(results),
        error: (error) => html`<agora-load-error .error=${error} what="search"></agora-load-error>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-search-page': AgoraSearchPage;
  }
}
