import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { SectionCampaign } from '../../../server/contracts/analysis';
import type { SessionUser } from '../../../server/contracts/auth';
import type { CommentView } from '../../../server/contracts/comments';
import { formatDate } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import './agora-campaign-copies';
import './agora-comment-item';
import type { AgoraCommentItem } from './agora-comment-item';

/** Editors and moderators (and admins) may still post official responses where comments are closed. */

/** The moderator's note, which usually says itself that the thread is closed; otherwise it is said once before it. */
const closedNote = (note: string | null): string =>
  !note ? 'Comments on this thread are closed.' : /\bclosed\b/i.test(note) ? note : `Comments are now closed: ${note}`;

/**
 * Threads: top-level comments in the order given, each with its replies nested below it (the
 * server keeps nesting to 3 levels). A reply whose parent this viewer cannot see is shown at the
 * top level rather than lost.
 */
@customElement('agora-comment-thread')
export class AgoraCommentThread extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol { list-style: none; padding: 0; margin: 0; max-width: none; }
      li { margin: var(--agora-space-3) 0; }
      ol ol { margin-left: var(--agora-space-4); }
      /* A closed thread is framed, its note under its first comment, so the note cannot read as the end of the thread above. */
      .closed-thread { border: 2px solid var(--agora-border); padding: var(--agora-space-2) var(--agora-space-3); }
      .closed { font-weight: 700; margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 4px solid var(--agora-text); }
      .more-replies { margin: var(--agora-space-2) 0 0 var(--agora-space-4); }
    `,
  ];

  @property({ attribute: false }) comments: CommentView[] = [];
  @property() consultation = '';
  @property() section = '';
  /** The section's current version (editors mark comments as addressed by it or an earlier one). */
  @property({ type: Number }) latestRevision = 0;
  @property({ attribute: false }) user: SessionUser | null | undefined = null;
  /** Comments may be written in this section now. */
  @property({ type: Boolean }) writable = false;
  /** The consultation is open: editors and moderators may still post official responses where comments are closed. */
  @property({ type: Boolean }) phaseOpen = false;
  @property({ attribute: false }) highlighted: number | null = null;
  /** Threads with replies not loaded yet: top-level comment id → the reply to continue after. */
  @property({ attribute: false }) moreReplies: Record<string, number> = {};
  /** Campaigns of near-identical comments: each representative carries its copies, which are not listed again. */
  @property({ attribute: false }) campaigns: SectionCampaign[] = [];
  /** Comments that just arrived live. */
  @property({ attribute: false }) fresh: ReadonlySet<number> = new Set();

  /** Scrolls to a comment and focuses it; false when it is not shown. */
  async reveal(id: number): Promise<boolean> {
    await this.updateComplete;
    const item = this.renderRoot.querySelector<AgoraCommentItem>(`agora-comment-item[data-id="${id}"]`);
    if (!item) return false;
    await item.updateComplete;
    item.reveal();
    return true;
  }

  private showMore(rootId: number): void {
    this.dispatchEvent(new CustomEvent('more-replies', { detail: { rootId, after: this.moreReplies[rootId] }, bubbles: true, composed: true }));
  }

  private renderLevel(comments: CommentView[], children: Map<number, CommentView[]>, writable: boolean, campaigns = new Map<number, SectionCampaign>()): unknown {
    return html`<ol>
      ${repeat(
        comments,
        (c) => c.id,
        (c) => {
          const replies = children.get(c.id) ?? [];
          const open = writable && !c.closed;
          return html`<li class=${c.closed ? 'closed-thread' : ''}>
            <agora-comment-item
              data-id=${c.id}
              .comment=${c}
              .consultation=${this.consultation}
              .section=${this.section}
              .latestRevision=${this.latestRevision}
              .user=${this.user}
              ?writable=${open}
              ?officialOnly=${!open && this.phaseOpen && !!this.user?.can.answerOfficially}
              ?highlighted=${this.highlighted === c.id}
              ?fresh=${this.fresh.has(c.id)}
            ></agora-comment-item>
            ${campaigns.has(c.id) ? html`<agora-campaign-copies .campaign=${campaigns.get(c.id)!}></agora-campaign-copies>` : nothing}
            ${c.closed ? html`<p class="closed">${closedNote(c.closed.note)} <span class="muted">(${formatDate(c.closed.at)})</span></p>` : nothing}
            ${replies.length > 0 ? this.renderLevel(replies, children, open) : nothing}
            ${c.parentId === null && this.moreReplies[c.id] !== undefined
              ? html`<button class="secondary more-replies" @click=${() => this.showMore(c.id)}>Show more replies</button>`
              : nothing}
          </li>`;
        },
      )}
    </ol>`;
  }

  override render() {
    const ids = new Set(this.comments.map((c) => c.id));
    const children = new Map<number, CommentView[]>();
    const roots: CommentView[] = [];
    // A copy is collapsed under its representative only when that is shown, and stays listed when
    // it has replies or a link points at it: a conversation or a permalink is never hidden.
    const campaigns = new Map(this.campaigns.filter((k) => ids.has(k.representativeId)).map((k) => [k.representativeId, k]));
    const answered = new Set(this.comments.map((c) => c.parentId));
    const collapsed = new Set([...campaigns.values()].flatMap((k) => k.copyIds).filter((id) => !answered.has(id) && id !== this.highlighted));
    for (const comment of this.comments) {
      if (comment.parentId !== null && ids.has(comment.parentId)) children.set(comment.parentId, [...(children.get(comment.parentId) ?? []), comment]);
      else if (!collapsed.has(comment.id)) roots.push(comment);
    }
    return this.renderLevel(roots, children, this.writable, campaigns);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-comment-thread': AgoraCommentThread;
  }
}
