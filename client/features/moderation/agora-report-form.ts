import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReportReason } from '../../../server/contracts/moderation';
import '../../ui/agora-error-summary';
import { announceErrors, clearErrorTitle, type FormError, formErrorsFrom } from '../../ui/form-errors';
import { sharedStyles } from '../../ui/shared-styles';
import { commentFormStyles } from '../comments/comment-form-styles';
import { REPORT_REASONS, reportComment } from './moderation-api';

const MAX_NOTE = 1000;
type Field = 'reason' | 'note';

/**
 * "Report this comment" (or whatever `what` names, sent by `send`): why (one of the reasons) and
 * an optional note (required for "Something else"). GOV.UK errors; fires `report-sent` once the
 * report is in, `form-cancelled` on Cancel.
 */
@customElement('agora-report-form')
export class AgoraReportForm extends LitElement {
  static override styles = [sharedStyles, commentFormStyles];

  @property({ type: Number }) commentId = 0;
  /** What is reported, in the form's words. */
  @property() what = 'comment';
  /** Sends the report; by default, of comment `commentId`. */
  @property({ attribute: false }) send: (reason: ReportReason, note: string) => Promise<void> = (reason, note) => reportComment(this.commentId, reason, note);

  @state() private reason: ReportReason | null = null;
  @state() private note = '';
  @state() private errors: FormError[] = [];
  @state() private busy = false;

  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('input[name="reason"]')?.focus();
  }

  private validate(): FormError[] {
    const errors: FormError[] = [];
    if (!this.reason) errors.push({ field: 'reason', message: `Select why you are reporting this ${this.what}` });
    if (this.reason === 'other' && !this.note.trim()) errors.push({ field: 'note', message: `Say what is wrong with this ${this.what}` });
    if (this.note.length > MAX_NOTE) errors.push({ field: 'note', message: `Your note must be ${MAX_NOTE.toLocaleString('en-GB')} characters or fewer` });
    return errors;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const errors = this.validate();
    if (errors.length > 0) return this.show(errors);
    this.busy = true;
    try {
      await this.send(this.reason!, this.note);
      this.errors = [];
      clearErrorTitle(this);
      this.dispatchEvent(new CustomEvent('report-sent', { bubbles: true, composed: true }));
    } catch (error) {
      await this.show(formErrorsFrom(error).map(({ field, message }) => ({ field: field === 'reason' || field === 'note' ? field : undefined, message })));
    } finally {
      this.busy = false;
    }
  }

  private async show(errors: FormError[]): Promise<void> {
    this.errors = errors;
    await announceErrors(this);
  }

  private errorFor(field: Field) {
    const error = this.errors.find((e) => e.field === field);
    return error ? html`<p class="field-error" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  override render() {
    const invalid = (field: Field) => this.errors.some((e) => e.field === field);
    return html`<form novalidate @submit=${this.submit}>
      <agora-error-summary .errors=${this.errors}></agora-error-summary>
      <fieldset class=${invalid('reason') ? 'invalid' : ''} aria-describedby=${invalid('reason') ? 'reason-error' : nothing}>
        <legend>Why are you reporting this ${this.what}?</legend>
        ${this.errorFor('reason')}
        ${REPORT_REASONS.map(
          (choice, index) => html`<div class="radio">
            <input
              type="radio"
              name="reason"
              id=${index === 0 ? 'reason' : `reason-${choice.reason}`}
              value=${choice.reason}
              .checked=${this.reason === choice.reason}
              aria-describedby="hint-${choice.reason}"
              @change=${() => (this.reason = choice.reason)}
            />
            <label for=${index === 0 ? 'reason' : `reason-${choice.reason}`}>${choice.label}</label>
            <span class="hint" id="hint-${choice.reason}">${choice.hint}</span>
          </div>`,
        )}
      </fieldset>
      <div class="field ${invalid('note') ? 'invalid' : ''}">
        <label for="note">More detail (optional)</label>
        <span class="hint" id="note-hint">Only moderators will see this.</span>
        ${this.errorFor('note')}
        <textarea id="note" rows="3" aria-describedby="note-hint ${invalid('note') ? 'note-error' : ''}" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>Send report</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('form-cancelled', { bubbles: true, composed: true }))}>Cancel</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-report-form': AgoraReportForm;
  }
}
