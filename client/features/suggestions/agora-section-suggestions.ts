import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnchorInput } from '../../../server/contracts/comments';
import type { SectionDetail } from '../../../server/contracts/consultations';
import type { MergeChunk } from '../../../server/contracts/revisions';
import type { AcceptResult, Suggestion, SuggestionList } from '../../../server/contracts/suggestions';
import { ApiError, errorMessage } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';
import { placeAfterBlock } from '../comments/passage-composer';
import './agora-suggestion-card';
import type { AgoraSuggestionCard } from './agora-suggestion-card';
import './agora-suggestion-editor';
import type { AgoraSuggestionEditor } from './agora-suggestion-editor';
import { notEditableInPlace } from './block-markdown';
import { acceptSuggestions, getBasket, listSuggestions, markAddressed, rejectSuggestions, sendBasket } from './suggestions-api';

type Decision = { ids: number[]; action: 'accept' | 'reject' };
type Conflict = { suggestionId: number; currentRevision: number; chunks: Extract<MergeChunk, { kind: 'conflict' }>[] };

/**
 * The section's suggestions: the "Show suggestions" switch that puts each open suggestion inline
 * after its passage, the reader's basket, and for editors accepting or rejecting one or several
 * in place (a conflict shows only the passage concerned, with its choices). It also opens the
 * in-place editor for "Suggest a change". The section view calls `place` after each render.
 * Fires `section-changed` after a suggestion was accepted (a new version to show).
 */
@customElement('agora-section-suggestions')
export class AgoraSectionSuggestions extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin-bottom: var(--agora-space-3); }
      .bar { display: flex; flex-wrap: wrap; gap: var(--agora-space-2) var(--agora-space-3); align-items: center; }
      .panel { border: 3px solid var(--agora-brand); padding: var(--agora-space-2) var(--agora-space-3); margin-top: var(--agora-space-3); }
      .panel p { margin: 0 0 var(--agora-space-2); }
      label { display: block; font-weight: 700; }
      textarea { display: block; width: 100%; font: inherit; padding: var(--agora-space-2); border: 2px solid var(--agora-text); margin-bottom: var(--agora-space-2); }
      .choice { border-left: 5px solid var(--agora-border); padding-left: var(--agora-space-3); margin-bottom: var(--agora-space-2); overflow-wrap: anywhere; }
      .error { color: var(--agora-error); font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) section?: SectionDetail;
  /** Whether the reader may suggest here (signed in, consultation open, section not locked). */
  @property({ type: Boolean }) canSuggest = false;
  /** The section's text, where suggestions are shown and edited in place. */
  @property({ attribute: false }) article?: HTMLElement;

  @state() private shown = false;
  @state() private list: SuggestionList | null = null;
  @state() private basket: Suggestion[] = [];
  @state() private selected = new Set<number>();
  @state() private rejecting: number[] | null = null;
  @state() private conflict: Conflict | null = null;
  @state() private accepted: AcceptResult | null = null;
  @state() private message = '';
  @state() private error = '';
  /** Why the passage last chosen cannot be edited in place ("a table"), offering the whole section instead. */
  @state() private refused: string | null = null;
  private editor?: AgoraSuggestionEditor;
  private editing: { blockId: string } | null = null;
  private readonly cards = new Map<number, AgoraSuggestionCard>();

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A new version (or another section) moves every suggestion: load them again.
    const before = changed.get('section') as SectionDetail | undefined;
    if (changed.has('section') && (before?.revision.number !== this.section?.revision.number || before?.slug !== this.section?.slug)) void this.reload();
  }

  /** Reloads the list and the basket (after a live event, a decision or a new version). */
  async reload(): Promise<void> {
    const section = this.section;
    if (!section) return;
    try {
      const [list, basket] = await Promise.all([listSuggestions(section.consultation.slug, section.slug), this.canSuggest ? getBasket(section.consultation.slug, section.slug) : []]);
      this.list = list;
      this.basket = basket;
      this.selected = new Set([...this.selected].filter((id) => list.suggestions.some((item) => item.id === id)));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  /** Opens the in-place editor on the block of `anchor`, hiding the block while it is edited. */
  async startSuggestion(anchor: AnchorInput): Promise<void> {
    const article = this.article;
    if (!article) return;
    const section = this.section!;
    if (!this.list || this.list.revision !== section.revision.number) await this.reload();
    const index = section.revision.blocks.findIndex((block) => block.id === anchor.blockId);
    const source = this.list?.blockSources[index];
    if (index === -1 || source === undefined) return;
    const block = section.revision.blocks[index]!;
    const refusal = notEditableInPlace(block.html, source);
    if (refusal) {
      this.closeEditor();
      this.refused = refusal;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#refused')?.focus();
      return;
    }
    this.refused = null;
    const editor = (this.editor ??= this.createEditor());
    Object.assign(editor, { consultation: section.consultation.slug, section: section.slug, target: { block, index, source, baseRevision: section.revision.number } });
    this.editing = { blockId: anchor.blockId };
    this.place(article);
    await editor.updateComplete;
    editor.scrollIntoView({ block: 'center' });
    editor.focus();
  }

  private createEditor(): AgoraSuggestionEditor {
    const editor = document.createElement('agora-suggestion-editor');
    const done = (message: string) => {
      this.closeEditor();
      this.message = message;
      void this.reload();
    };
    editor.addEventListener('suggestion-sent', () => done('Your suggestion was sent. It is listed under “Show suggestions”.'));
    editor.addEventListener('suggestion-kept', () => done('Added to your basket. Send the basket when you have made all your suggestions.'));
    editor.addEventListener('form-cancelled', () => this.closeEditor());
    return editor;
  }

  private closeEditor(): void {
    const blockId = this.editing?.blockId;
    this.editing = null;
    this.editor?.remove();
    this.editor = undefined;
    if (this.article) this.place(this.article);
    // Back to the passage the reader was changing.
    if (blockId) this.article?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`)?.scrollIntoView({ block: 'center' });
  }

  protected override updated(): void {
    if (this.article) this.place(this.article);
  }

  /** Puts the editor and (when shown) each open suggestion after its block in `article`. */
  place(article: HTMLElement): void {
    for (const element of article.querySelectorAll<HTMLElement>('[data-suggesting]')) if (element.dataset.blockId !== this.editing?.blockId) element.removeAttribute('data-suggesting');
    if (this.editing && this.editor) {
      article.querySelector(`[data-block-id="${CSS.escape(this.editing.blockId)}"]`)?.setAttribute('data-suggesting', '');
      placeAfterBlock(article, this.editing.blockId, this.editor);
    }
    const visible = this.shown ? (this.list?.suggestions ?? []).filter((item) => item.current) : [];
    for (const [id, card] of this.cards) if (!visible.some((item) => item.id === id)) (card.remove(), this.cards.delete(id));
    for (const item of visible) {
      const card = this.cards.get(item.id) ?? this.createCard();
      card.suggestion = item;
      card.selected = this.selected.has(item.id);
      this.cards.set(item.id, card);
      placeAfterBlock(article, item.current!.blockId, card);
    }
  }

  /** Cards live in the article, outside this element: their events are heard on them. */
  private createCard(): AgoraSuggestionCard {
    const card = document.createElement('agora-suggestion-card');
    card.addEventListener('suggestions-decide', (e) => void this.decide((e as CustomEvent<Decision>).detail));
    card.addEventListener('suggestion-selected', (e) => this.onSelected(e as CustomEvent<{ id: number; selected: boolean }>));
    return card;
  }

  private onSelected(event: CustomEvent<{ id: number; selected: boolean }>): void {
    const next = new Set(this.selected);
    if (event.detail.selected) next.add(event.detail.id);
    else next.delete(event.detail.id);
    this.selected = next;
  }

  /** Accept at once; reject asks for the reason first. */
  async decide({ ids, action }: Decision, choices?: ('ours' | 'theirs')[]): Promise<void> {
    const section = this.section!;
    this.error = '';
    this.message = '';
    if (action === 'reject') {
      this.rejecting = ids;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#reject-reason')?.focus();
      return;
    }
    try {
      this.accepted = await acceptSuggestions(section.consultation.slug, section.slug, { ids, currentRevision: this.conflict?.currentRevision ?? section.revision.number, ...(choices ? { choices } : {}) });
      this.conflict = null;
      this.selected = new Set();
      this.message = `Accepted into version ${this.accepted.revision}.`;
      this.dispatchEvent(new CustomEvent('section-changed', { bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'merge_conflict' && error.details?.suggestionId) this.conflict = error.details as unknown as Conflict;
      else this.error = errorMessage(error);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  private async confirmReject(event: Event): Promise<void> {
    event.preventDefault();
    const section = this.section!;
    const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('#reject-reason')?.value ?? '';
    try {
      const rejected = await rejectSuggestions(section.consultation.slug, section.slug, this.rejecting!, reason);
      this.rejecting = null;
      this.selected = new Set();
      this.message = `Rejected ${rejected.length === 1 ? 'the suggestion' : `${rejected.length} suggestions`}.`;
      await this.reload();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async markCommentsAddressed(result: AcceptResult): Promise<void> {
    await Promise.all(result.commentsOnPassages.map((id) => markAddressed(id, result.revision)));
    this.accepted = null;
    this.message = `Marked as addressed in version ${result.revision}.`;
  }

  private async send(): Promise<void> {
    const section = this.section!;
    try {
      const proposalId = await sendBasket(section.consultation.slug, section.slug);
      this.message = `Your suggestions were sent as proposal ${proposalId}.`;
      await this.reload();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private renderDecisionPanel() {
    if (this.conflict) {
      const chunk = this.conflict.chunks[0];
      return html`<div class="panel" tabindex="-1" role="group" aria-labelledby="conflict-title">
        <p id="conflict-title"><strong>Suggestion ${this.conflict.suggestionId} changes words that have changed since.</strong> Choose which wording to keep.</p>
        ${chunk
          ? html`<p class="choice"><strong>Current wording:</strong> ${chunk.ours}</p>
              <p class="choice"><strong>Suggested wording:</strong> ${chunk.theirs}</p>`
          : nothing}
        <div class="bar">
          <button @click=${() => this.decide({ ids: [this.conflict!.suggestionId], action: 'accept' }, this.conflict!.chunks.map(() => 'theirs'))}>Use the suggested wording</button>
          <button class="secondary" @click=${() => this.decide({ ids: [this.conflict!.suggestionId], action: 'accept' }, this.conflict!.chunks.map(() => 'ours'))}>Keep the current wording</button>
        </div>
      </div>`;
    }
    if (this.rejecting) {
      return html`<form class="panel" @submit=${this.confirmReject}>
        <label for="reject-reason">Why reject ${this.rejecting.length === 1 ? 'this suggestion' : `these ${this.rejecting.length} suggestions`}?</label>
        <textarea id="reject-reason" rows="2"></textarea>
        <div class="bar">
          <button type="submit">Reject</button>
          <button type="button" class="secondary" @click=${() => (this.rejecting = null)}>Cancel</button>
        </div>
      </form>`;
    }
    const accepted = this.accepted;
    if (accepted && accepted.commentsOnPassages.length > 0) {
      const count = accepted.commentsOnPassages.length;
      return html`<div class="panel" tabindex="-1" role="status">
        <p>${this.message} ${count === 1 ? 'One comment was' : `${count} comments were`} about this passage.</p>
        <button @click=${() => this.markCommentsAddressed(accepted)}>Mark ${count === 1 ? 'it' : 'them'} as addressed in version ${accepted.revision}</button>
      </div>`;
    }
    return nothing;
  }

  override render() {
    const list = this.list;
    const open = list?.counts.open ?? 0;
    const editorCanDecide = list?.suggestions.some((item) => item.can.decide) ?? false;
    const elsewhere = this.shown ? (list?.suggestions ?? []).filter((item) => !item.current) : [];
    return html`<div>
      <div class="bar">
        <button class="secondary" aria-pressed=${this.shown ? 'true' : 'false'} @click=${() => (this.shown = !this.shown)}>Show suggestions (${open})</button>
        ${this.shown && editorCanDecide && this.selected.size > 0
          ? html`<button @click=${() => this.decide({ ids: [...this.selected], action: 'accept' })}>Accept ${this.selected.size} selected</button>
              <button class="secondary" @click=${() => this.decide({ ids: [...this.selected], action: 'reject' })}>Reject ${this.selected.size} selected</button>`
          : nothing}
      </div>
      ${this.basket.length > 0
        ? html`<div class="panel">
            <p>${this.basket.length === 1 ? 'One suggestion is' : `${this.basket.length} suggestions are`} in your basket, not sent yet.</p>
            <button @click=${this.send}>Send ${this.basket.length === 1 ? 'it' : 'them'} as one proposal</button>
          </div>`
        : nothing}
      <div role="status">${this.message && !(this.accepted && this.accepted.commentsOnPassages.length > 0) ? html`<p>${this.message}</p>` : nothing}</div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.refused
        ? html`<div class="panel" id="refused" tabindex="-1" role="group" aria-labelledby="refused-text">
            <p id="refused-text">This passage is ${this.refused}, so it cannot be changed in place as plain text. Edit the whole section instead: you will see its Markdown, with a formatting toolbar and a preview.</p>
            <div class="bar">
              <a href="/c/${this.section?.consultation.slug}/${this.section?.slug}/propose">Edit the whole section</a>
              <button class="secondary" @click=${() => (this.refused = null)}>Close</button>
            </div>
          </div>`
        : nothing}
      ${this.renderDecisionPanel()}
      ${elsewhere.length > 0 ? html`<p>${elsewhere.length} suggestions were written on passages that have changed since; see the proposals.</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-suggestions': AgoraSectionSuggestions;
  }
}
