import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { formatDateTime } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { getVersions } from './comments-api';

/** Every earlier version of an edited comment, newest first (the current one is shown above it). */
@customElement('agora-comment-versions')
export class AgoraCommentVersions extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      ol { list-style: none; padding: 0; margin: var(--agora-space-2) 0; }
      li { border-left: 4px solid var(--agora-border); padding-left: var(--agora-space-3); margin-bottom: var(--agora-space-3); }
      .when { margin: 0; font-weight: 700; }
    `,
  ];

  @property({ type: Number }) commentId = 0;

  // Comment bodies are rendered to safe HTML once, on the server, by the one Markdown module.
  private readonly versions = new Task(this, {
    task: ([id], { signal }) => getVersions(id, signal),
    args: () => [this.commentId] as const,
  });

  override render() {
    return this.versions.render({
      pending: () => html`<p aria-live="polite">Loading earlier versions…</p>`,
      error: (error) => html`<p class="error">${error instanceof Error ? error.message : String(error)}</p>`,
      complete: (versions) => html`<ol aria-label="Earlier versions">
        ${versions.slice(1).map(
          (v) => html`<li>
            <p class="when">Version ${v.version}, ${formatDateTime(v.createdAt)}</p>
            <div class="prose">${unsafeHTML(v.html)}</div>
          </li>`,
        )}
      </ol>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-versions': AgoraCommentVersions;
  }
}
