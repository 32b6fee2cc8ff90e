import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SectionCampaign, WordChange } from '../../../server/contracts/analysis';
import { sharedStyles } from '../../ui/shared-styles';

/** One run of changed words; <ins> and <del> are silent in most screen readers, so each says what it is. */
const changeRun = (c: WordChange) =>
  c.change === 'added' ? html`<ins><span class="visually-hidden">added: </span>${c.words}</ins> ` : html`<del><span class="visually-hidden">removed: </span>${c.words}</del> `;

/**
 * Under a campaign's representative comment: "N people sent this text" and, behind a disclosure,
 * each other copy as only the words that differ from it (a respondent's own sentences are added
 * words, so they read in full).
 */
@customElement('agora-campaign-copies')
export class AgoraCampaignCopies extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin: var(--agora-space-2) 0 0 var(--agora-space-4); }
      details { border-left: 4px solid var(--agora-border); padding-left: var(--agora-space-3); }
      /* A list item keeps the disclosure triangle; the padding makes it a large enough target to tap. */
      summary { cursor: pointer; font-weight: 700; padding: var(--agora-space-2) 0; }
      summary:focus-visible { outline: 3px solid var(--agora-focus); }
      ol { padding-left: 1.25rem; margin: var(--agora-space-2) 0; max-width: none; }
      li { margin-bottom: var(--agora-space-2); overflow-wrap: anywhere; }
      ins { background: #cce2d8; text-decoration: underline; }
      del { background: #f6d7d2; }
    `,
  ];

  @property({ attribute: false }) campaign!: SectionCampaign;

  override render() {
    const { size, variants } = this.campaign;
    const others = size - 1;
    return html`<details>
      <summary>${size} people sent this text: show the ${others} other ${others === 1 ? 'copy' : 'copies'}</summary>
      <p class="muted">Each copy shows only the words that differ from the comment above.</p>
      <ol>
        ${variants.map(
          (v) => html`<li>
            <strong>${v.author ?? 'Anonymous'}</strong>:
            ${v.differs.length === 0 ? html`<span class="muted">the same text</span>` : v.differs.map(changeRun)}
          </li>`,
        )}
      </ol>
      ${others > variants.length ? html`<p>And ${others - variants.length} more.</p>` : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-campaign-copies': AgoraCampaignCopies;
  }
}
