import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { CommentKind, CommentList, CommentSort, CommentView } from '../../../server/contracts/comments';
import type { ConsultationDetail, SectionDetail } from '../../../server/contracts/consultations';
import { sectionChannel } from '../../../server/contracts/live';
import { ApiError } from '../../api/api-client';
import { live } from '../../live/live-client';
import '../../ui/agora-load-error';
import { phaseSentence } from '../../ui/format';
import { sharedStyles } from '../../ui/shared-styles';
import { authPageHref } from '../auth/next-path';
import { SessionController } from '../auth/session-store';
import '../moderation/agora-section-moderation';
import './agora-comment-form';
import './agora-comment-thread';
import type { AgoraCommentThread } from './agora-comment-thread';
import { draftKey } from './comment-drafts';
import { KIND_CHOICES, KIND_TAGS } from './comment-kinds';
import { getPermalink, getReplies, listComments, sectionFeedUrl } from './comments-api';
import { SectionCampaignsController } from './section-campaigns-controller';
import { commentFormStyles } from './comment-form-styles';

const SORTS: { sort: CommentSort; label: string }[] = [
  { sort: 'newest', label: 'Newest first' },
  { sort: 'endorsed', label: 'Most endorsed' },
  { sort: 'position', label: 'Position in the text' },
];
const PERMALINK = /^#comment-(\d+)$/;
/** How long a comment that arrived live stays marked as new. */
const FRESH_MS = 4_000;

/** Live events are shared by everyone watching, and single answers are partial: neither carries all the viewer's own marks, so the known ones stay. */
const withViewerMarks = (comment: CommentView, known: CommentView): CommentView => ({
  ...comment,
  endorsedByMe: comment.endorsedByMe ?? known.endorsedByMe,
  reportedByMe: comment.reportedByMe ?? known.reportedByMe,
  followedByMe: comment.followedByMe ?? known.followedByMe,
});

/**
 * The comments on one section: the form (or why one cannot comment), filters, sorting, threads,
 * paging, permalinks and the section's feed. `block` filters to one block; the page sets it from
 * the margin markers. Comments on a passage are written in a form the page opens beside the
 * passage; this holds the form for comments on the whole section. Fires `comment-counts`
 * {byBlock} after each load, `block-selected` {blockId: null} when the reader clears the block
 * filter, `comment-on-block` {blockId} to comment on the filtered block and `comment-passages`
 * {anchors} with the passages of the comments shown.
 */
@customElement('agora-section-comments')
export class AgoraSectionComments extends LitElement {
  static override styles = [
    sharedStyles,
    commentFormStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: end; margin: var(--agora-space-4) 0 var(--agora-space-3); }
      .toolbar label { font-weight: 700; }
      select { display: block; font: inherit; padding: var(--agora-space-1); border: 2px solid var(--agora-text); min-height: 2.5rem; }
      .filter { background: var(--agora-highlight); padding: var(--agora-space-2) var(--agora-space-3); display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; }
      .filter:focus { outline: 3px solid var(--agora-focus); }
      .filter p { margin: 0; flex: 1 1 20rem; }
      .closed-message { border-left: 5px solid var(--agora-border); padding-left: var(--agora-space-3); font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) consultation!: ConsultationDetail;
  @property({ attribute: false }) section!: SectionDetail;
  /** Show only comments on this block (null: all). */
  @property({ attribute: false }) block: string | null = null;

  @state() private comments: CommentView[] = [];
  /** Campaigns of near-identical comments here: each is listed once, its copies collapsed under it. */
  private readonly campaigns = new SectionCampaignsController(this, () => ({ consultation: this.consultation.slug, section: this.section.slug }));
  @state() private counts: CommentList['counts'] | null = null;
  @state() private nextPage: number | null = null;
  @state() private moreReplies: Record<string, number> = {};
  @state() private loadError: unknown = null;
  @state() private loading = true;
  @state() private sort: CommentSort = 'newest';
  @state() private kind: CommentKind | '' = '';
  @state() private highlighted: number | null = null;
  @state() private announcement = '';
  /** Comments that just arrived live: they slide in with a brief highlight. */
  @state() private fresh = new Set<number>();
  @query('agora-comment-thread') private thread?: AgoraCommentThread;

  private readonly session = new SessionController(this);
  private abort?: AbortController;
  private feedLink?: HTMLLinkElement;
  private readonly onHashChange = (): void => void this.revealPermalink();

  private get writable(): boolean {
    return this.section.acceptsComments;
  }

  /**
   * A comment event from the live channel, already filtered for this viewer by the server. New
   * comments slide in and the counts move; changes replace the comment in place.
   */
  applyLive(live: CommentView): void {
    const shown = this.comments.find((c) => c.id === live.id);
    const known = !!shown;
    const comment = shown ? withViewerMarks(live, shown) : live;
    if (!known && !this.matchesFilters(comment)) return;
    if (!known && comment.parentId === null && this.counts) this.countNew(comment, this.counts);
    this.upsert(comment);
    if (comment.parentId === null) this.campaigns.loadSoon();
    if (!known) {
      this.fresh = new Set([...this.fresh, comment.id]);
      this.announcement = `New ${comment.parentId === null ? 'comment' : 'reply'} from ${comment.author?.displayName ?? 'someone'}.`;
      setTimeout(() => (this.fresh = new Set([...this.fresh].filter((id) => id !== comment.id))), FRESH_MS);
    }
  }

  private matchesFilters(comment: CommentView): boolean {
    if (comment.parentId !== null) return this.comments.some((c) => c.id === comment.parentId);
    return (!this.kind || comment.kind === this.kind) && (!this.block || comment.anchor?.blockId === this.block);
  }

  private countNew(comment: CommentView, counts: CommentList['counts']): void {
    const byKind = { ...counts.byKind, [comment.kind]: counts.byKind[comment.kind] + 1, total: counts.byKind.total + 1 };
    const blockId = comment.anchor?.blockId;
    const byBlock = blockId ? { ...counts.byBlock, [blockId]: (counts.byBlock[blockId] ?? 0) + 1 } : counts.byBlock;
    this.counts = { byKind, byBlock };
    this.dispatchEvent(new CustomEvent('comment-counts', { detail: { byBlock }, bubbles: true, composed: true }));
  }

  /** Adds a comment to those shown, or replaces the one with its id. */
  upsert(comment: CommentView): void {
    const index = this.comments.findIndex((c) => c.id === comment.id);
    if (index >= 0) this.comments = this.comments.map((c) => (c.id === comment.id ? withViewerMarks(comment, c) : c));
    else this.comments = comment.parentId === null && this.sort === 'newest' ? [comment, ...this.comments] : [...this.comments, comment];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    this.abort?.abort();
    this.feedLink?.remove();
    this.feedLink = undefined;
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('section') || changed.has('block') || changed.has('sort') || changed.has('kind')) void this.load(1);
    if (changed.has('section')) this.updateFeedLink();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('comments')) {
      const anchors = this.comments.flatMap((c) => (c.parentId === null && c.anchor ? [c.anchor] : []));
      this.dispatchEvent(new CustomEvent('comment-passages', { detail: { anchors }, bubbles: true, composed: true }));
    }
    // Choosing a marker moves focus to what it did, so screen reader users hear the filter.
    if (changed.has('block') && changed.get('block') !== undefined && this.block) this.renderRoot.querySelector<HTMLElement>('.filter')?.focus();
  }

  /** `<link rel="alternate">` for the section's feed, in the document head while this is shown. */
  private updateFeedLink(): void {
    this.feedLink ??= Object.assign(document.createElement('link'), { rel: 'alternate', type: 'application/atom+xml' });
    this.feedLink.href = sectionFeedUrl(this.consultation.slug, this.section.slug);
    this.feedLink.title = `Comments on ${this.section.title}`;
    if (!this.feedLink.isConnected) document.head.append(this.feedLink);
  }

  private async load(page: number): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.loading = true;
    try {
      // The page must hold whatever the live channel has already shown, so it may be a moment old only up to that.
      const since = live.position(sectionChannel(this.consultation.slug, this.section.slug)) ?? this.section.liveSeq;
      const query = { sort: this.sort, kind: this.kind || undefined, block: this.block ?? undefined, page, since };
      const [result] = await Promise.all([listComments(this.consultation.slug, this.section.slug, query, abort.signal), page === 1 ? this.campaigns.load(abort.signal) : null]);
      this.comments = page === 1 ? result.comments : [...this.comments, ...result.comments];
      this.nextPage = result.nextPage;
      this.moreReplies = page === 1 ? result.moreReplies : { ...this.moreReplies, ...result.moreReplies };
      this.counts = result.counts;
      this.loadError = null;
      this.dispatchEvent(new CustomEvent('comment-counts', { detail: { byBlock: result.counts.byBlock }, bubbles: true, composed: true }));
      if (page === 1) await this.revealPermalink();
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.loadError = error;
    } finally {
      if (this.abort === abort) this.loading = false;
    }
  }

  /** `#comment-123`: shows that comment (fetching its thread if it is not on this page), scrolls to it and highlights it. */
  private async revealPermalink(): Promise<void> {
    const id = Number(PERMALINK.exec(location.hash)?.[1] ?? NaN);
    if (!id) return;
    if (!this.comments.some((c) => c.id === id)) {
      try {
        const permalink = await getPermalink(id);
        for (const comment of permalink.thread) this.upsert(comment);
        const rootId = permalink.thread[0]?.id;
        if (permalink.moreReplies !== null && rootId !== undefined) this.moreReplies = { ...this.moreReplies, [rootId]: permalink.moreReplies };
      } catch (error) {
        this.announcement = error instanceof ApiError && error.status === 404 ? 'The comment in the link was not found. It may have been removed.' : '';
        return;
      }
    }
    this.highlighted = id;
    await this.updateComplete;
    await this.thread?.reveal(id);
  }

  /** "Show more replies": the thread's next page, after the replies already shown. */
  private async onMoreReplies(event: CustomEvent<{ rootId: number; after: number }>): Promise<void> {
    const { rootId, after } = event.detail;
    try {
      const page = await getReplies(rootId, after);
      for (const reply of page.replies) this.upsert(reply);
      const { [rootId]: _done, ...rest } = this.moreReplies;
      this.moreReplies = page.nextAfter === null ? rest : { ...rest, [rootId]: page.nextAfter };
      this.announcement = `${page.replies.length} more ${page.replies.length === 1 ? 'reply' : 'replies'} shown.`;
    } catch {
      this.announcement = 'The replies could not be loaded. Try again.';
    }
  }

  private onSaved(event: CustomEvent<{ comment: CommentView; mode: string }>): void {
    void this.commentSaved(event.detail.comment, event.detail.mode);
  }

  /** After a comment is posted here or beside its passage: says so, shows it and moves focus to it. */
  async commentSaved(comment: CommentView, mode: string): Promise<void> {
    const posted = { comment: 'Your comment has been posted.', reply: 'Your reply has been posted.' }[mode] ?? 'Your changes have been saved.';
    this.announcement = comment.status === 'pending' ? 'Your comment has been sent. Others will see it once a moderator has checked it.' : posted;
    this.highlighted = comment.id;
    if (mode === 'comment') await this.load(1);
    else this.upsert(comment);
    await this.updateComplete;
    if (comment.status === 'pending' || !(await this.thread?.reveal(comment.id))) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private onChanged(event: CustomEvent<{ comment: CommentView }>): void {
    const { comment } = event.detail;
    if (comment.status === 'deleted') this.announcement = 'The comment has been deleted.';
    // Deleting a top-level comment changes the counts, so reload; anything else is replaced in place.
    if (comment.status === 'deleted' && comment.parentId === null) void this.load(1);
    else this.upsert(comment);
  }

  private clearBlock(): void {
    this.dispatchEvent(new CustomEvent('block-selected', { detail: { blockId: null }, bubbles: true, composed: true }));
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private renderWriteArea() {
    const { consultation, section } = this;
    if (consultation.phase !== 'open') return html`<p class="closed-message">${phaseSentence(consultation.phase, consultation.opensAt, consultation.closesAt)}</p>`;
    // The closed note for everyone, and closing or reopening for moderators.
    const closing = html`<agora-section-moderation .consultation=${consultation.slug} .section=${section.slug} .note=${section.commentsClosed ? (section.commentsClosedNote ?? '') : null}
      @section-comments-changed=${(e: CustomEvent<Pick<SectionDetail, 'commentsClosed' | 'commentsClosedNote'>>) => (this.section = { ...this.section, ...e.detail })}></agora-section-moderation>`;
    if (section.commentsClosed) return closing;
    const user = this.session.user;
    if (user === undefined) return nothing;
    if (user === null) return html`<p><a href=${authPageHref('/sign-in', location.pathname)}>Sign in to comment</a></p>`;
    if (user.blocked) return html`<p class="closed-message">Your account has been blocked, so you can read comments but not post them.</p>`;
    return html`${closing}<agora-comment-form
      .consultation=${consultation.slug}
      .section=${section.slug}
      mode="comment"
      .draftKey=${draftKey(consultation.slug, section.slug, 'section')}
    ></agora-comment-form>`;
  }

  private renderBlockFilter() {
    const block = this.block ? this.section.revision.blocks.find((b) => b.id === this.block) : undefined;
    if (!block) return nothing;
    const canWrite = this.writable && !!this.session.user?.can.participate;
    const text = block.text.length > 120 ? `${block.text.slice(0, 119).trimEnd()}…` : block.text;
    return html`<div class="filter" tabindex="-1">
      <p>Showing comments on the passage “${text}”</p>
      ${canWrite
        ? html`<button @click=${() => this.dispatchEvent(new CustomEvent('comment-on-block', { detail: { blockId: block.id }, bubbles: true, composed: true }))}>
            Comment on this passage
          </button>`
        : nothing}
      <button class="secondary" @click=${this.clearBlock}>Show all comments</button>
    </div>`;
  }

  private renderToolbar() {
    const counts = this.counts?.byKind;
    return html`<div class="toolbar">
      <label
        >Kind of comment
        <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as CommentKind | '')}>
          <option value="" ?selected=${this.kind === ''}>All kinds${counts ? ` (${counts.total})` : ''}</option>
          ${KIND_CHOICES.map(
            ({ kind }) => html`<option value=${kind} ?selected=${this.kind === kind}>${KIND_TAGS[kind]}${counts ? ` (${counts[kind]})` : ''}</option>`,
          )}
        </select>
      </label>
      <label
        >Sort by
        <select @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as CommentSort)}>
          ${SORTS.map(({ sort, label }) => html`<option value=${sort} ?selected=${this.sort === sort}>${label}</option>`)}
        </select>
      </label>
    </div>`;
  }

  private renderList() {
    if (this.loadError) return html`<agora-load-error .error=${this.loadError} what="comments" @retry=${() => this.load(1)}></agora-load-error>`;
    if (this.loading && this.comments.length === 0) return html`<p aria-live="polite">Loading comments…</p>`;
    if (this.comments.length === 0) return html`<p>${this.block || this.kind ? 'No comments match.' : this.noCommentsText()}</p>`;
    return html`<agora-comment-thread
        .comments=${this.comments}
        .consultation=${this.consultation.slug}
        .section=${this.section.slug}
        .latestRevision=${this.section.revision.number}
        .user=${this.session.user}
        ?writable=${this.writable}
        ?phaseOpen=${this.consultation.phase === 'open'}
        .highlighted=${this.highlighted}
        .fresh=${this.fresh}
        .moreReplies=${this.moreReplies}
        .campaigns=${this.campaigns.campaigns}
        @more-replies=${this.onMoreReplies}
      ></agora-comment-thread>
      ${this.nextPage ? html`<button class="secondary" @click=${() => this.load(this.nextPage!)}>Show more comments</button>` : nothing}`;
  }

  /** "No comments yet" promises comments to come: true only while the consultation is open or upcoming. */
  private noCommentsText() {
    if (this.consultation.phase === 'open' || this.consultation.phase === 'upcoming') return 'No comments yet.';
    const outcome = this.consultation.phase === 'outcome';
    return html`No comments were posted on this section here.
      ${outcome ? html`<a href="/c/${this.consultation.slug}">The published outcome</a> summarises all the responses to the consultation.` : nothing}`;
  }

  override render() {
    const total = this.counts?.byKind.total;
    return html`<section aria-labelledby="comments-title" @comment-saved=${this.onSaved} @comment-changed=${this.onChanged}>
      <h2 id="comments-title" tabindex="-1">Comments${total === undefined ? '' : ` (${total})`}</h2>
      <p>
        <a href=${sectionFeedUrl(this.consultation.slug, this.section.slug)} type="application/atom+xml">Follow comments on this section (Atom feed)</a>
      </p>
      ${this.renderWriteArea()} ${this.renderToolbar()} ${this.renderBlockFilter()} ${this.renderList()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-comments': AgoraSectionComments;
  }
}
