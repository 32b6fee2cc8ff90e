import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DiffSegment, TextDiff } from '../../server/contracts/revisions';
import { sharedStyles } from './shared-styles';

type Mode = 'inline' | 'side-by-side';

/** Added and removed words: marked by more than colour. */
export const diffMarkStyles = css`
  ins { background: #cce2d8; color: #005a30; text-decoration: underline 2px; font-weight: 700; }
  del { background: #f6d7d2; color: #2a0b06; text-decoration: line-through 2px; }
`;

const words = (n: number): string => `${n} ${n === 1 ? 'word' : 'words'}`;

/** Said when the server could not afford a word-by-word comparison (very large or very different texts). */
const COARSE_NOTES: Record<TextDiff['granularity'], string | undefined> = {
  word: undefined,
  line: 'These texts are too large to compare word by word, so changed lines are shown whole.',
  text: 'These texts are too large to compare word by word or line by line, so the whole old text is shown removed and the new one added.',
};

/**
 * A word diff of two texts, in one text or side by side, with its word counts. Added and removed
 * words are marked by more than colour: underlined or struck through, and announced as "added" /
 * "removed" to screen readers. `beforeLabel` / `afterLabel` name the two versions.
 */
@customElement('agora-diff-view')
export class AgoraDiffView extends LitElement {
  static override styles = [
    sharedStyles,
    diffMarkStyles,
    css`
      fieldset { border: 0; padding: 0; margin: 0 0 var(--agora-space-3); display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
      legend { font-weight: 700; padding: 0; margin-bottom: var(--agora-space-2); }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--agora-font-mono); font-size: 0.95rem; border: 1px solid var(--agora-border); padding: var(--agora-space-3); max-width: none; }
      table { border-collapse: collapse; width: 100%; table-layout: fixed; }
      th, td { border: 1px solid var(--agora-border); padding: var(--agora-space-2); vertical-align: top; text-align: left; }
      td { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--agora-font-mono); font-size: 0.95rem; }
      td.changed { border-left: 5px solid var(--agora-text); }
    `,
  ];

  @property({ attribute: false }) diff?: TextDiff;
  @property() beforeLabel = 'Before';
  @property() afterLabel = 'After';
  @state() private mode: Mode = 'inline';

  override render() {
    if (!this.diff) return nothing;
    const { wordsAdded, wordsRemoved } = this.diff.stats;
    const unchanged = wordsAdded === 0 && wordsRemoved === 0 && this.diff.inline.every((s) => s.kind === 'same');
    return html`
      <p>${unchanged ? 'The two texts are the same.' : `${words(wordsAdded)} added, ${words(wordsRemoved)} removed.`}</p>
      ${COARSE_NOTES[this.diff.granularity] ? html`<p>${COARSE_NOTES[this.diff.granularity]}</p>` : nothing}
      <fieldset>
        <legend>Show the changes</legend>
        ${this.choice('inline', 'In one text')} ${this.choice('side-by-side', 'Side by side')}
      </fieldset>
      ${this.mode === 'inline' ? this.renderInline(this.diff) : this.renderSideBySide(this.diff)}
    `;
  }

  private choice(mode: Mode, label: string) {
    return html`<label><input type="radio" name="mode" .checked=${this.mode === mode} @change=${() => (this.mode = mode)} /> ${label}</label>`;
  }

  private renderInline(diff: TextDiff) {
    return html`<div class="text" role="region" aria-label="Changes from ${this.beforeLabel} to ${this.afterLabel}">${diff.inline.map(segment)}</div>`;
  }

  private renderSideBySide(diff: TextDiff) {
    return html`<table>
      <caption class="visually-hidden">Changes from ${this.beforeLabel} to ${this.afterLabel}, line by line</caption>
      <thead>
        <tr><th scope="col">${this.beforeLabel}</th><th scope="col">${this.afterLabel}</th></tr>
      </thead>
      <tbody>
        ${diff.sideBySide.map((row) => {
          const changed = [...row.left, ...row.right].some((s) => s.kind !== 'same');
          return html`<tr>
            <td class=${changed ? 'changed' : ''}>${row.left.map(segment)}</td>
            <td class=${changed ? 'changed' : ''}>${row.right.map(segment)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

/** One diff segment, announced as "added" / "removed" to screen readers. No whitespace between the tags: the text may be shown pre-wrapped. */
export function segment(s: DiffSegment) {
  if (s.kind === 'added') return html`<ins><span class="visually-hidden">[added: </span>${s.text}<span class="visually-hidden">]</span></ins>`;
  if (s.kind === 'removed') return html`<del><span class="visually-hidden">[removed: </span>${s.text}<span class="visually-hidden">]</span></del>`;
  return s.text;
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-diff-view': AgoraDiffView;
  }
}
