import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FormError } from './form-errors';
import { sharedStyles } from './shared-styles';

/**
 * GOV.UK's error summary: "There is a problem" and each error as a link to its field. A field is
 * found by id next to this element (same shadow root), so put the summary in the form's page.
 */
@customElement('agora-error-summary')
export class AgoraErrorSummary extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .summary { border: 5px solid var(--agora-error); padding: var(--agora-space-3); margin-bottom: var(--agora-space-4); max-width: var(--agora-measure); }
      .summary:focus { outline: 3px solid var(--agora-focus); outline-offset: 0; }
      h2 { margin-top: 0; font-size: 1.35rem; }
      ul { margin: 0; padding-left: 0; list-style: none; }
      li + li { margin-top: var(--agora-space-2); }
      a, a:visited, .plain { color: var(--agora-error); font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) errors: FormError[] = [];

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus(options);
  }

  override render() {
    if (this.errors.length === 0) return nothing;
    return html`<div class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <h2 id="summary-title">There is a problem</h2>
      <ul>
        ${this.errors.map(({ field, message }) =>
          field ? html`<li><a href="#${field}" @click=${(event: Event) => this.goToField(event, field)}>${message}</a></li>` : html`<li class="plain">${message}</li>`,
        )}
      </ul>
    </div>`;
  }

  /** Fragment links cannot reach into shadow roots, so move to the field by hand. */
  private goToField(event: Event, field: string): void {
    const target = (this.getRootNode() as Document | ShadowRoot).getElementById(field);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-error-summary': AgoraErrorSummary;
  }
}
