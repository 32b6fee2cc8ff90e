import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { customConflictText } from '../../server/contracts/merge-text';
import type { MergeChunk } from '../../server/contracts/revisions';
import './agora-error-summary';
import type { FormError } from './form-errors';
import { sharedStyles } from './shared-styles';

type Choice = 'ours' | 'theirs' | 'custom';
type Conflict = Extract<MergeChunk, { kind: 'conflict' }>;

/**
 * The conflicts of a three-way merge, each settled in the page: keep the current text ('ours'),
 * the other text ('theirs') or edit by hand. Text both sides agree on is shown around them.
 * Fires `resolve` {markdown} with the whole merged text once every conflict has a choice.
 */
@customElement('agora-conflict-resolver')
export class AgoraConflictResolver extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .agreed { white-space: pre-wrap; font-family: var(--agora-font-mono); font-size: 0.95rem; color: var(--agora-text-muted); border-left: 3px solid var(--agora-border); padding-left: var(--agora-space-3); margin: var(--agora-space-3) 0; max-width: none; }
      fieldset { border: 3px solid var(--agora-text); padding: var(--agora-space-3); margin: var(--agora-space-3) 0; }
      fieldset.invalid { border-color: var(--agora-error); }
      legend { font-weight: 700; font-size: 1.15rem; padding: 0 var(--agora-space-2); }
      .sides { display: grid; gap: var(--agora-space-3); }
      @media (min-width: 48rem) { .sides { grid-template-columns: 1fr 1fr; } }
      .side { border: 1px solid var(--agora-border); padding: var(--agora-space-2); }
      .side h3 { margin: 0 0 var(--agora-space-2); font-size: 1rem; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: var(--agora-font-mono); font-size: 0.95rem; }
      .choices { margin-top: var(--agora-space-3); display: flex; flex-direction: column; gap: var(--agora-space-2); }
      .message { color: var(--agora-error); font-weight: 700; margin: var(--agora-space-2) 0; }
      label.text { display: block; font-weight: 700; margin-top: var(--agora-space-2); }
      textarea { font-family: var(--agora-font-mono); font-size: 0.95rem; width: 100%; min-height: 8rem; border: 2px solid var(--agora-text); padding: var(--agora-space-2); }
    `,
  ];

  @property({ attribute: false }) chunks: MergeChunk[] = [];
  /** What the current text and the other text are called ("Current version 4", "Your text"). */
  @property() oursLabel = 'Current text';
  @property() theirsLabel = 'Your text';
  @property() submitLabel = 'Save with these choices';
  @property({ type: Boolean }) busy = false;

  @state() private choices: (Choice | undefined)[] = [];
  @state() private custom: string[] = [];
  @state() private errors: FormError[] = [];

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('chunks')) {
      const conflicts = this.conflicts();
      this.choices = conflicts.map(() => undefined);
      this.custom = conflicts.map((c) => c.theirs);
      this.errors = [];
    }
  }

  private conflicts(): Conflict[] {
    return this.chunks.filter((c): c is Conflict => c.kind === 'conflict');
  }

  override render() {
    const total = this.conflicts().length;
    let index = -1;
    return html`
      <agora-error-summary .errors=${this.errors}></agora-error-summary>
      <p>${total === 1 ? 'There is 1 conflict.' : `There are ${total} conflicts.`} For each one, choose which text to keep.</p>
      ${this.chunks.map((chunk) => {
        if (chunk.kind === 'ok') return chunk.text.trim() ? html`<div class="agreed"><span class="visually-hidden">Both versions have: </span>${chunk.text}</div>` : nothing;
        index += 1;
        return this.renderConflict(chunk, index, total);
      })}
      <button ?disabled=${this.busy} @click=${this.submit}>${this.submitLabel}</button>
    `;
  }

  private renderConflict(conflict: Conflict, i: number, total: number) {
    const error = this.errors.find((e) => e.field === `conflict-${i}`)?.message;
    const choose = (choice: Choice) => () => {
      this.choices = this.choices.map((c, j) => (j === i ? choice : c));
    };
    const option = (choice: Choice, label: string) =>
      html`<label><input type="radio" name="conflict-${i}" id=${choice === 'ours' ? `conflict-${i}` : `conflict-${i}-${choice}`} .checked=${this.choices[i] === choice} @change=${choose(choice)} /> ${label}</label>`;
    return html`<fieldset class=${error ? 'invalid' : ''}>
      <legend>Conflict ${i + 1} of ${total}</legend>
      ${error ? html`<p class="message"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
      <div class="sides">
        <div class="side"><h3>${this.oursLabel}</h3><pre>${conflict.ours || '(removed)'}</pre></div>
        <div class="side"><h3>${this.theirsLabel}</h3><pre>${conflict.theirs || '(removed)'}</pre></div>
      </div>
      <div class="choices">
        ${option('ours', `Keep the ${this.oursLabel.toLowerCase()}`)} ${option('theirs', `Keep ${this.theirsLabel.toLowerCase()}`)}
        ${option('custom', 'Edit by hand')}
      </div>
      ${this.choices[i] === 'custom'
        ? html`<label class="text" for="custom-${i}">Text for conflict ${i + 1}</label>
            <textarea id="custom-${i}" .value=${this.custom[i] ?? ''} @input=${(e: Event) => (this.custom = this.custom.map((t, j) => (j === i ? (e.target as HTMLTextAreaElement).value : t)))}></textarea>`
        : nothing}
    </fieldset>`;
  }

  private async submit(): Promise<void> {
    const missing = this.choices.flatMap((choice, i) => (choice ? [] : [{ field: `conflict-${i}`, message: `Choose which text to keep for conflict ${i + 1}` }]));
    this.errors = missing;
    if (missing.length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector('agora-error-summary')?.focus();
      return;
    }
    let next = 0;
    const markdown = this.chunks
      .map((chunk) => {
        if (chunk.kind === 'ok') return chunk.text;
        const i = next++;
        const choice = this.choices[i];
        return choice === 'ours' ? chunk.ours : choice === 'theirs' ? chunk.theirs : customConflictText(chunk, this.custom[i] ?? '');
      })
      .join('');
    this.dispatchEvent(new CustomEvent('resolve', { detail: { markdown }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-conflict-resolver': AgoraConflictResolver;
  }
}
