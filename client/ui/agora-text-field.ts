import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { sharedStyles } from './shared-styles';

/**
 * A labelled text input with an optional hint and error message (GOV.UK style), usable in a
 * plain <form>: it is form-associated, so FormData sees its value under `name`, and Enter submits.
 * Give it an `id` equal to its `name` so the error summary can link to it.
 */
@customElement('agora-text-field')
export class AgoraTextField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [
    sharedStyles,
    css`
      :host { margin-bottom: var(--agora-space-4); }
      .group.invalid { border-left: 5px solid var(--agora-error); padding-left: var(--agora-space-3); }
      label { display: block; font-weight: 700; margin-bottom: var(--agora-space-1); }
      .hint { color: var(--agora-text-muted); margin: 0 0 var(--agora-space-2); }
      .message { color: var(--agora-error); font-weight: 700; margin: 0 0 var(--agora-space-2); }
      input { font: inherit; width: 100%; max-width: 24rem; padding: var(--agora-space-1) var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
      .invalid input { border-color: var(--agora-error); }
    `,
  ];

  @property({ reflect: true }) name = '';
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() type: 'text' | 'password' | 'email' | 'datetime-local' = 'text';
  @property() autocomplete = 'off';
  @property() value = '';

  private readonly internals = this.attachInternals();

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('value')) this.internals.setFormValue(this.value);
  }

  override render() {
    const describedBy = [this.hint ? 'hint' : '', this.error ? 'message' : ''].filter(Boolean).join(' ');
    // Usernames, addresses and passwords are not words: no capitals or spelling fixes on phones.
    const literal = this.type !== 'text' || this.autocomplete === 'username';
    return html`<div class="group ${this.error ? 'invalid' : ''}">
      <label for="input">${this.label}</label>
      ${this.hint ? html`<p id="hint" class="hint">${this.hint}</p>` : nothing}
      ${this.error ? html`<p id="message" class="message"><span class="visually-hidden">Error:</span> ${this.error}</p>` : nothing}
      <input
        id="input"
        type=${this.type}
        autocomplete=${this.autocomplete}
        autocapitalize=${ifDefined(literal ? 'none' : undefined)}
        spellcheck=${ifDefined(literal ? 'false' : undefined)}
        aria-describedby=${ifDefined(describedBy || undefined)}
        aria-invalid=${this.error ? 'true' : 'false'}
        .value=${live(this.value)}
        @input=${(event: Event) => (this.value = (event.target as HTMLInputElement).value)}
        @keydown=${this.submitOnEnter}
      />
    </div>`;
  }

  /** Implicit submission does not reach a form outside the shadow root, so do it here. */
  private submitOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.internals.form?.requestSubmit();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-text-field': AgoraTextField;
  }
}
