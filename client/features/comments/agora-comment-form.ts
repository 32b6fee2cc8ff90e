import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { AnchorInput, CommentKind, CommentView } from '../../../server/contracts/comments';
import { ApiError } from '../../api/api-client';
import '../../ui/agora-error-summary';
import { announceErrors, clearErrorTitle, type FormError, formErrorsFrom } from '../../ui/form-errors';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import { anchorWithin, type Block } from './anchor-offsets';
import { clearDraft, loadDraft, saveDraft } from './comment-drafts';
import { KIND_CHOICES } from './comment-kinds';
import { editComment, getPermalink, postComment, setEndorsement } from './comments-api';
import { commentFormStyles } from './comment-form-styles';

const MAX_LENGTH = 10_000;
type Field = 'kind' | 'body';
const isField = (field: string | undefined): field is Field => field === 'kind' || field === 'body';

/**
 * Writes a comment, a reply or an edit. Errors follow GOV.UK: a summary at the top that takes
 * focus and links to each field, the message again at the field, and everything typed kept.
 * A duplicate (409) shows the existing comment with "Endorse it instead".
 * A comment on a passage shows the passage's block in a read-only field: choosing words there
 * (Shift+arrows, or a drag) narrows the quote, so the keyboard can do what a mouse selection does.
 * With `draftKey`, what is typed is kept (comment-drafts.ts) until it is posted.
 * Fires `comment-saved` {comment, mode}, `comment-changed` {comment} (after endorsing the
 * duplicate), `form-cancelled` (Cancel, or Escape) and, with `canSuggest`, `suggest-chosen`
 * {anchor, cut} ("Suggest a change … instead": the way to a suggestion from the keyboard).
 */
@customElement('agora-comment-form')
export class AgoraCommentForm extends LitElement {
  static override styles = [sharedStyles, proseStyles, commentFormStyles];

  @property() consultation = '';
  @property() section = '';
  @property() mode: 'comment' | 'reply' | 'edit' = 'comment';
  @property({ type: Number }) parentId?: number;
  /** The comment being edited. */
  @property({ attribute: false }) comment?: CommentView;
  /** The passage a new comment is on (null: the whole section). */
  @property({ attribute: false }) anchor: AnchorInput | null = null;
  /** The block the anchor is in: its text is offered for choosing the exact words. */
  @property({ attribute: false }) block?: Block;
  /** The reader's selection ran over several blocks and was cut to the first. */
  @property({ type: Boolean }) cut = false;
  /** Where this form's half-written text is kept (empty: not kept). */
  @property() draftKey = '';
  /** Also offer "Suggest a change" for the passage (fires `suggest-chosen` {anchor, cut}): the keyboard's way to it. */
  @property({ type: Boolean }) canSuggest = false;

  @state() private kind: CommentKind | null = null;
  @state() private body = '';
  @state() private errors: FormError[] = [];
  @state() private duplicate: CommentView | null = null;
  @state() private submitting = false;
  @state() private confirmation = '';
  @state() private signedOut = false;
  @query('textarea#body') private textarea?: HTMLTextAreaElement;
  @query('textarea#passage') private passageField?: HTMLTextAreaElement;

  private readonly session = new SessionController(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    // An edit starts from the current text.
    if (!this.hasUpdated && this.mode === 'edit' && this.comment) this.body = this.comment.body;
    if (changed.has('draftKey') && this.draftKey) this.restoreDraft();
  }

  protected override updated(changed: Map<string, unknown>): void {
    // The chooser starts out showing the chosen words selected (none: the whole block).
    const field = this.passageField;
    if (field && this.anchor && (changed.has('block') || changed.has('anchor')) && this.shadowRoot?.activeElement !== field) {
      const whole = this.anchor.start === 0 && this.anchor.end === field.value.length;
      field.setSelectionRange(whole ? 0 : this.anchor.start, whole ? 0 : this.anchor.end);
    }
  }

  /** A form moved to another passage shows what was typed there, or starts empty. */
  private restoreDraft(): void {
    if (this.mode === 'edit') return;
    const draft = loadDraft(this.draftKey);
    this.kind = draft?.kind ?? null;
    this.body = draft?.body ?? '';
  }

  private keepDraft(): void {
    if (this.draftKey) saveDraft(this.draftKey, { kind: this.kind, body: this.body });
  }

  /** Moves focus to the form's first field: the passage chooser, else the first question. */
  override focus(): void {
    (this.passageField ?? this.renderRoot.querySelector<HTMLElement>('input[name="kind"]:checked, input[name="kind"]') ?? this.textarea)?.focus();
  }

  /** The words chosen in the passage field become the quote (nothing chosen: the whole block). */
  private choosePassage(): void {
    const field = this.passageField;
    if (!field || !this.block) return;
    const anchor = anchorWithin(this.block, field.selectionStart, field.selectionEnd);
    if (anchor.start === this.anchor?.start && anchor.end === this.anchor.end) return;
    this.anchor = anchor;
  }

  /**
   * The passage field cannot be `readonly`: Chromium then refuses to move the caret or select
   * with the keyboard. Edits are refused instead (beforeinput), and what cannot be refused (an
   * IME composition) is undone here.
   */
  private keepPassageText(event: Event): void {
    const field = event.target as HTMLTextAreaElement;
    if (this.block && field.value !== this.block.text) field.value = this.block.text;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || (this.mode === 'comment' && !this.anchor)) return;
    event.preventDefault();
    this.cancel();
  }

  private suggestInstead(): void {
    this.dispatchEvent(new CustomEvent('suggest-chosen', { detail: { anchor: this.anchor, cut: this.cut }, bubbles: true, composed: true }));
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('form-cancelled', { bubbles: true, composed: true }));
  }

  private validate(): FormError[] {
    const errors: FormError[] = [];
    if (this.mode === 'comment' && !this.kind) errors.push({ field: 'kind', message: 'Select what kind of comment this is' });
    if (this.body.trim() === '') errors.push({ field: 'body', message: this.mode === 'reply' ? 'Enter your reply' : 'Enter your comment' });
    else if (this.body.length > MAX_LENGTH) errors.push({ field: 'body', message: `Your comment must be ${MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` });
    return errors;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.duplicate = null;
    this.confirmation = '';
    const errors = this.validate();
    if (errors.length > 0) return this.showErrors(errors);
    this.submitting = true;
    try {
      const comment = await this.save();
      this.errors = [];
      this.signedOut = false;
      this.body = '';
      this.kind = null;
      if (this.draftKey) clearDraft(this.draftKey);
      clearErrorTitle(this);
      this.dispatchEvent(new CustomEvent('comment-saved', { detail: { comment, mode: this.mode }, bubbles: true, composed: true }));
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  private save(): Promise<CommentView> {
    if (this.mode === 'edit') return editComment(this.comment!.id, this.body);
    const anchor = this.mode === 'comment' && this.anchor ? { anchor: this.anchor } : {};
    const parent = this.mode === 'reply' ? { parentId: this.parentId } : {};
    return postComment(this.consultation, this.section, { kind: this.kind ?? 'general', body: this.body, ...anchor, ...parent });
  }

  private async handleFailure(error: unknown): Promise<void> {
    if (error instanceof ApiError && error.code === 'duplicate' && typeof error.details?.existingCommentId === 'number') {
      this.errors = [];
      this.duplicate = (await getPermalink(error.details.existingCommentId).catch(() => null))?.comment ?? null;
      if (this.duplicate) return;
    }
    this.signedOut = error instanceof ApiError && error.status === 401;
    // Only this form's own fields can be linked to (an anchor or parent problem has no field here).
    await this.showErrors(formErrorsFrom(error).map(({ field, message }) => ({ field: isField(field) ? field : undefined, message })));
  }

  private async showErrors(errors: FormError[]): Promise<void> {
    this.errors = errors;
    this.confirmation = '';
    await announceErrors(this);
  }

  private async endorseDuplicate(): Promise<void> {
    try {
      const comment = await setEndorsement(this.duplicate!.id, true);
      this.duplicate = null;
      this.body = '';
      if (this.draftKey) clearDraft(this.draftKey);
      this.confirmation = 'You endorsed the existing comment.';
      this.dispatchEvent(new CustomEvent('comment-changed', { detail: { comment }, bubbles: true, composed: true }));
    } catch (error) {
      await this.handleFailure(error);
    }
  }

  private errorFor(field: Field) {
    const error = this.errors.find((e) => e.field === field);
    return error ? html`<p class="field-error" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  private renderSummary() {
    return html`<agora-error-summary .errors=${this.errors}></agora-error-summary>
      ${this.signedOut ? html`<p><a href=${authPageHref('/sign-in', location.pathname + location.hash)}>Sign in again</a></p>` : nothing}`;
  }

  private renderDuplicate() {
    const existing = this.duplicate;
    if (!existing) return nothing;
    const own = existing.author?.username === this.session.user?.username;
    return html`<div class="duplicate" role="alert">
      <h2>${own ? 'You have already posted this comment' : 'Someone has already made this comment'}</h2>
      <blockquote class="prose">${unsafeHTML(existing.html)}</blockquote>
      <p class="muted">${existing.author?.displayName ?? ''} · ${existing.endorsements} endorsed it</p>
      ${own
        ? nothing
        : existing.endorsedByMe
          ? html`<p>You have already endorsed it.</p>`
          : html`<button type="button" @click=${this.endorseDuplicate}>Endorse it instead</button>`}
    </div>`;
  }

  private renderKinds() {
    if (this.mode !== 'comment') return nothing;
    const invalid = this.errors.some((e) => e.field === 'kind');
    return html`<fieldset class=${invalid ? 'invalid' : ''} aria-describedby=${invalid ? 'kind-error' : nothing}>
      <legend>What kind of comment is this?</legend>
      ${this.errorFor('kind')}
      ${KIND_CHOICES.map(
        (choice, index) => html`<div class="radio">
          <input
            type="radio"
            name="kind"
            id=${index === 0 ? 'kind' : `kind-${choice.kind}`}
            value=${choice.kind}
            .checked=${this.kind === choice.kind}
            aria-describedby="hint-${choice.kind}"
            @change=${() => {
              this.kind = choice.kind;
              this.keepDraft();
            }}
          />
          <label for=${index === 0 ? 'kind' : `kind-${choice.kind}`}>${choice.label}</label>
          <span class="hint" id="hint-${choice.kind}">${choice.hint}</span>
        </div>`,
      )}
    </fieldset>`;
  }

  private renderPassage() {
    if (this.mode !== 'comment' || !this.anchor) return nothing;
    const choose = () => this.choosePassage();
    return html`<figure class="quote">
      <figcaption>You are commenting on this passage:</figcaption>
      <blockquote>“${this.anchor.exact}”</blockquote>
      ${this.cut ? html`<p class="hint">Your selection ran over more than one paragraph, so your comment is on the words in the first one only.</p>` : nothing}
      ${this.block
        ? html`<label for="passage">Choose the words you are commenting on</label>
            <span class="hint" id="passage-hint">Select words in the paragraph below (with the keyboard: arrow keys to move, Shift and an arrow key to select). Select nothing to comment on the whole paragraph.</span>
            <textarea
              id="passage"
              aria-readonly="true"
              @beforeinput=${(e: InputEvent) => e.preventDefault()}
              @input=${this.keepPassageText}
              rows=${Math.min(8, Math.ceil(this.block.text.length / 60))}
              aria-describedby="passage-hint"
              .value=${this.block.text}
              @select=${choose}
              @selectionchange=${choose}
              @keyup=${choose}
              @pointerup=${choose}
            ></textarea>`
        : nothing}
    </figure>`;
  }

  override render() {
    const label = { comment: 'Your comment', reply: 'Your reply', edit: 'Edit your comment' }[this.mode];
    const invalidBody = this.errors.some((e) => e.field === 'body');
    return html`<form novalidate @submit=${this.submit} @keydown=${this.onKeyDown}>
      ${this.renderSummary()} ${this.renderDuplicate()}
      ${this.confirmation ? html`<p class="confirmation" role="status">${this.confirmation}</p>` : nothing}
      ${this.renderPassage()}
      ${this.renderKinds()}
      <div class="field ${invalidBody ? 'invalid' : ''}">
        <label for="body">${label}</label>
        <span class="hint" id="body-hint">You can use Markdown: **bold**, *italic*, [a link](https://example.org) and lists. Up to 10,000 characters.</span>
        ${this.errorFor('body')}
        <textarea
          id="body"
          rows=${this.mode === 'comment' ? 6 : 4}
          aria-describedby="body-hint ${invalidBody ? 'body-error' : ''}"
          .value=${this.body}
          @input=${(e: Event) => {
            this.body = (e.target as HTMLTextAreaElement).value;
            this.keepDraft();
          }}
        ></textarea>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.submitting}>${{ comment: 'Post comment', reply: 'Post reply', edit: 'Save changes' }[this.mode]}</button>
        ${this.mode === 'comment' && !this.anchor ? nothing : html`<button type="button" class="secondary" @click=${this.cancel}>Cancel</button>`}
        ${this.mode === 'comment' && this.anchor && this.canSuggest
          ? html`<button type="button" class="secondary" @click=${this.suggestInstead}>Suggest a change<span class="visually-hidden"> to this passage</span> instead</button>`
          : nothing}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-form': AgoraCommentForm;
  }
}
