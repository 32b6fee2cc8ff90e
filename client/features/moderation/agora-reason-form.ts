import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../ui/agora-error-summary';
import { announceErrors, clearErrorTitle, type FormError, formErrorsFrom } from '../../ui/form-errors';
import { sharedStyles } from '../../ui/shared-styles';
import { commentFormStyles } from '../comments/comment-form-styles';

const MAX_LENGTH = 500;

/**
 * A small form with one required text (a moderator's public reason or note) and whatever the
 * host slots in (a checkbox, say). Errors follow GOV.UK: a summary that takes focus, the message
 * at the field, the text kept. Runs `action` with the text; fires `form-done` when it succeeds
 * and `form-cancelled` on Cancel.
 */
@customElement('agora-reason-form')
export class AgoraReasonForm extends LitElement {
  static override styles = [
    sharedStyles,
    commentFormStyles,
    css`
      :host { margin: var(--agora-space-2) 0; }
      form { border-left: 5px solid var(--agora-border); padding-left: var(--agora-space-3); }
      input[type='text'] { display: block; width: 100%; font: inherit; padding: var(--agora-space-1) var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
      .invalid input[type='text'] { border-color: var(--agora-error); }
    `,
  ];

  @property() label = 'Reason';
  @property() hint = '';
  /** The message when the text is left empty. */
  @property() missing = 'Enter a reason';
  @property() submitLabel = 'Save';
  @property() value = '';
  @property({ attribute: false }) action: (text: string) => Promise<void> = async () => undefined;

  @state() private errors: FormError[] = [];
  @state() private busy = false;

  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#text')?.focus();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const text = this.value.trim();
    if (!text) return this.show([{ field: 'text', message: this.missing }]);
    if (text.length > MAX_LENGTH) return this.show([{ field: 'text', message: `This must be ${MAX_LENGTH} characters or fewer` }]);
    this.busy = true;
    try {
      await this.action(text);
      this.errors = [];
      clearErrorTitle(this);
      this.dispatchEvent(new CustomEvent('form-done', { bubbles: true, composed: true }));
    } catch (error) {
      // The server names its own fields; this form has one, so every problem points at it or at nothing.
      await this.show(formErrorsFrom(error).map(({ field, message }) => ({ field: field ? 'text' : undefined, message })));
    } finally {
      this.busy = false;
    }
  }

  private async show(errors: FormError[]): Promise<void> {
    this.errors = errors;
    await announceErrors(this);
  }

  override render() {
    const error = this.errors.find((e) => e.field === 'text');
    const describedBy = [this.hint ? 'hint' : '', error ? 'text-error' : ''].filter(Boolean).join(' ');
    return html`<form novalidate @submit=${this.submit}>
      <agora-error-summary .errors=${this.errors}></agora-error-summary>
      <div class="field ${error ? 'invalid' : ''}">
        <label for="text">${this.label}</label>
        ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : nothing}
        ${error ? html`<p class="field-error" id="text-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
        <input
          type="text"
          id="text"
          autocomplete="off"
          aria-describedby=${describedBy || nothing}
          .value=${this.value}
          @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)}
        />
      </div>
      <slot></slot>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.submitLabel}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('form-cancelled', { bubbles: true, composed: true }))}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-reason-form': AgoraReasonForm;
  }
}
