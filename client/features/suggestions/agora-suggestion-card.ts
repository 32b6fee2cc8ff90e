import { diffWordsWithSpace } from 'diff';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Suggestion } from '../../../server/contracts/suggestions';
import { errorMessage } from '../../api/api-client';
import { diffMarkStyles, segment } from '../../ui/agora-diff-view';
import { sharedStyles } from '../../ui/shared-styles';
import { setSupport } from './suggestions-api';

const supportsText = (n: number): string => `${n} ${n === 1 ? 'supporter' : 'supporters'}`;

/**
 * One open suggestion where it applies: the block's words with the change marked (inserted and
 * deleted words announced as such), who proposed it and why, its support and its discussion. For
 * editors a checkbox (deciding several at once) and Accept / Reject, which fire
 * `suggestions-decide` {ids, action}. Fires `suggestion-supported` after a support changes.
 */
@customElement('agora-suggestion-card')
export class AgoraSuggestionCard extends LitElement {
  static override styles = [
    sharedStyles,
    diffMarkStyles,
    css`
      :host { display: block; border-left: 5px solid var(--agora-brand); background: var(--agora-surface); padding: var(--agora-space-2) var(--agora-space-3); margin: var(--agora-space-2) 0 var(--agora-space-3); }
      .change { margin: 0 0 var(--agora-space-2); overflow-wrap: anywhere; }
      del + ins, ins + del { margin-left: 0.25em; }
      .meta { margin: 0 0 var(--agora-space-2); }
      .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-2) var(--agora-space-3); align-items: center; }
      .select { display: flex; gap: var(--agora-space-2); align-items: center; font-weight: 700; }
      .select input { width: 1.5rem; height: 1.5rem; accent-color: var(--agora-text); }
      .error { color: var(--agora-error); font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) suggestion?: Suggestion;
  @property({ type: Boolean }) selected = false;
  @state() private error = '';

  private async toggleSupport(): Promise<void> {
    const item = this.suggestion!;
    try {
      const result = await setSupport(item.id, !item.supported);
      this.suggestion = { ...item, ...result };
      this.error = '';
      this.dispatchEvent(new CustomEvent('suggestion-supported', { detail: { suggestion: this.suggestion }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private decide(action: 'accept' | 'reject'): void {
    this.dispatchEvent(new CustomEvent('suggestions-decide', { detail: { ids: [this.suggestion!.id], action }, bubbles: true, composed: true }));
  }

  private select(event: Event): void {
    this.selected = (event.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent('suggestion-selected', { detail: { id: this.suggestion!.id, selected: this.selected }, bubbles: true, composed: true }));
  }

  override render() {
    const item = this.suggestion;
    if (!item) return nothing;
    const parts = diffWordsWithSpace(item.before, item.after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }) as const);
    const who = item.author?.displayName ?? 'A former member';
    const label = `Suggestion ${item.id} by ${who}`;
    return html`<section aria-label=${label}>
      <p class="change"><span class="visually-hidden">Suggested change: </span>${parts.map(segment)}</p>
      <p class="meta"><strong>${who}</strong>: ${item.reason}</p>
      <div class="actions">
        ${item.can.support
          ? html`<button class="secondary" aria-pressed=${item.supported ? 'true' : 'false'} @click=${this.toggleSupport}>
              ${item.supported ? 'Supported' : 'Support'}<span class="visually-hidden"> suggestion ${item.id}</span>
            </button>`
          : nothing}
        <span>${supportsText(item.supports)}</span>
        ${item.proposalId ? html`<a href="/p/${item.proposalId}">Discussion<span class="visually-hidden"> of suggestion ${item.id}</span></a>` : nothing}
        ${item.can.decide
          ? html`<label class="select"><input type="checkbox" .checked=${this.selected} @change=${this.select} />Select<span class="visually-hidden"> suggestion ${item.id}</span></label>
              <button @click=${() => this.decide('accept')}>Accept<span class="visually-hidden"> suggestion ${item.id}</span></button>
              <button class="secondary" @click=${() => this.decide('reject')}>Reject<span class="visually-hidden"> suggestion ${item.id}</span></button>`
          : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-suggestion-card': AgoraSuggestionCard;
  }
}
