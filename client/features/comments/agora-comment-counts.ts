import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CommentCounts } from '../../../server/contracts/comments';
import { sharedStyles } from '../../ui/shared-styles';
import { KIND_CHOICES, KIND_TAGS, plural } from './comment-kinds';

/** Comments by kind, as a small table of figures (the consultation overview). */
@customElement('agora-comment-counts')
export class AgoraCommentCounts extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dl { display: flex; flex-wrap: wrap; gap: var(--agora-space-2) var(--agora-space-4); margin: 0; }
      div { display: flex; flex-direction: column-reverse; }
      dt { color: var(--agora-text-muted); }
      dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) counts!: CommentCounts;

  override render() {
    const { counts } = this;
    if (counts.total === 0) return html`<p>No comments yet.</p>`;
    return html`<p>${plural(counts.total, 'comment')} so far.</p>
      <dl>
        ${KIND_CHOICES.map(({ kind }) => html`<div><dt>${KIND_TAGS[kind]}</dt><dd>${counts[kind]}</dd></div>`)}
      </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-counts': AgoraCommentCounts;
  }
}
