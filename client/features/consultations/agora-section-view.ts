import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { AnchorView } from '../../../server/contracts/comments';
import type { ConsultationDetail, SectionDetail } from '../../../server/contracts/consultations';
import { isCommentEvent, type LiveEventArgs, sectionChannel } from '../../../server/contracts/live';
import { api } from '../../api/api-client';
import { SessionController } from '../auth/session-store';
import '../../live/agora-presence';
import { LiveChannelController } from '../../live/live-controller';
import '../comments/agora-block-markers';
import '../comments/agora-quote-button';
import type { QuoteChoice } from '../comments/agora-quote-button';
import type { AgoraBlockMarkers } from '../comments/agora-block-markers';
import '../comments/agora-section-comments';
import '../revisions/agora-anchor-review';
import '../revisions/agora-orphaned-comments';
import '../revisions/agora-section-tools';
import '../notifications/agora-follow-button';
import '../proposals/agora-section-proposals-link';
import type { AgoraSectionProposalsLink } from '../proposals/agora-section-proposals-link';
import '../suggestions/agora-section-suggestions';
import type { AgoraSectionSuggestions } from '../suggestions/agora-section-suggestions';
import type { AgoraSectionComments } from '../comments/agora-section-comments';
import { wholeBlockAnchor } from '../comments/anchor-offsets';
import { deepActiveElement, PassageComposer } from '../comments/passage-composer';
import { markQuotedPassages } from '../comments/passage-marks';
import '../../ui/agora-load-error';
import '../../ui/agora-phase-tag';
import { formatDate, phaseSentence } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { getSection } from './consultations-api';
import { setPageTitle } from '../../ui/page-title';
import { takeSectionPageData } from '../../app/first-paint';

interface TocEntry {
  id: string;
  level: number;
  text: string;
}

/** Reading view of one section: its current text, a table of contents and the other sections. */
@customElement('agora-section-view')
export class AgoraSectionView extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--agora-space-4); }
      /* The text comes first; on wide screens the contents sit beside it, on phones after it. */
      @media (min-width: 56rem) { .layout { grid-template-columns: minmax(0, 1fr) 18rem; } }
      aside { font-size: 1rem; }
      aside nav { position: sticky; top: var(--agora-space-3); }
      aside h2 { font-size: 1.1rem; margin-top: 0; }
      aside ol { padding-left: 1.25rem; }
      aside ol ol { list-style-type: lower-alpha; margin: 0; }
      aside a[aria-current='page'] { font-weight: 700; color: var(--agora-text); }
      .meta { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; margin-bottom: var(--agora-space-3); }
      /* Room on the right for the comment markers, which line up with each block. */
      .reading { position: relative; padding-right: 4.5rem; max-width: calc(var(--agora-measure) + 4.5rem); }
      /* The chosen block gets a bar; only the words its comments quoted (still there) are highlighted. */
      .prose [data-selected] { box-shadow: calc(-1 * var(--agora-space-2)) 0 0 0 var(--agora-brand); }
      .prose mark { background: var(--agora-highlight); color: inherit; }
      .banner { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; border: 3px solid var(--agora-brand); padding: var(--agora-space-2) var(--agora-space-3); margin-bottom: var(--agora-space-3); }
      .banner p { margin: 0; }
      .skip-to-text { position: absolute; left: -9999px; }
      .skip-to-text:focus { position: static; display: inline-block; margin-bottom: var(--agora-space-2); background: var(--agora-focus); color: var(--agora-text); box-shadow: none; }
      /* A paragraph or heading being changed in place is shown as the editor that follows it (a list item holds its editor). */
      .prose [data-suggesting]:not(li) { display: none; }
      article agora-suggestion-editor { margin: var(--agora-space-3) 0; padding: var(--agora-space-3); border-left: 5px solid var(--agora-brand); background: var(--agora-background); }
      article agora-comment-form { margin: var(--agora-space-3) 0; padding: var(--agora-space-3); border-left: 5px solid var(--agora-brand); background: var(--agora-background); }
      .pager { display: flex; justify-content: space-between; gap: var(--agora-space-3); margin-top: var(--agora-space-5); border-top: 1px solid var(--agora-border); padding-top: var(--agora-space-3); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';

  /** The block whose comments are shown (chosen with a margin marker). */
  @state() private selectedBlock: string | null = null;
  @state() private blockCounts: Record<string, number> = {};
  /** The passages of the comments shown, for highlighting the selected block's quotes. */
  @state() private passages: AnchorView[] = [];
  private drawnMarks = '';
  /** A revision published while this page was open, offered in a banner rather than swapped in. */
  @state() private newRevision: { number: number; summary: string } | null = null;
  @query('agora-section-comments') private comments?: AgoraSectionComments;
  @query('agora-block-markers') private markers?: AgoraBlockMarkers;
  @query('article') private article?: HTMLElement;
  @query('agora-section-suggestions') private suggestions?: AgoraSectionSuggestions;
  @query('agora-section-proposals-link') private proposalsLink?: AgoraSectionProposalsLink;
  private readonly composer = new PassageComposer(
    (comment) => void this.comments?.commentSaved(comment, 'comment'),
    (blockId) => this.markers?.focusBlock(blockId),
  );
  private readonly session = new SessionController(this);
  private readonly live = new LiveChannelController(
    this,
    () => {
      const loaded = this.data.value?.section;
      return loaded && { channel: sectionChannel(loaded.consultation.slug, loaded.slug), since: loaded.liveSeq };
    },
    { onEvent: (...event) => this.onLiveEvent(event), onReset: () => void this.refresh() },
  );

  private readonly data = new Task(this, {
    task: async ([consultation, section], { signal }) => {
      // A first visit's data came with the page: the text is already on screen, nothing to fetch.
      const inline = takeSectionPageData(consultation, section);
      if (inline) return inline;
      const [sectionDetail, consultationResponse] = await Promise.all([
        getSection(consultation, section, signal),
        api<{ consultation: ConsultationDetail }>(`/api/consultations/${consultation}`, { signal }),
      ]);
      return { section: sectionDetail, consultation: consultationResponse.consultation };
    },
    args: () => [this.consultation, this.section],
  });

  private tocOf(section: SectionDetail): TocEntry[] {
    return section.revision.blocks
      .filter((b) => b.type === 'heading')
      .map((b) => ({ id: b.id, level: Number(/^<h(\d)/.exec(b.html)?.[1] ?? 2), text: b.text }));
  }

  /** Top-level headings numbered, each with its sub-headings in a list of their own. */
  private renderToc(toc: TocEntry[]) {
    const top = Math.min(...toc.map((t) => t.level));
    const groups: { entry: TocEntry; children: TocEntry[] }[] = [];
    for (const entry of toc) {
      const parent = groups.at(-1);
      if (entry.level > top && parent) parent.children.push(entry);
      else groups.push({ entry, children: [] });
    }
    const link = (t: TocEntry) => html`<a href="#${t.id}" @click=${(e: Event) => this.jumpTo(e, t.id)}>${t.text}</a>`;
    return html`<ol>
      ${groups.map(({ entry, children }) => html`<li>${link(entry)}${children.length > 0 ? html`<ol>${children.map((c) => html`<li>${link(c)}</li>`)}</ol>` : null}</li>`)}
    </ol>`;
  }

  /** Headings live in this shadow root, so in-page links scroll here rather than relying on the URL fragment. */
  private jumpTo(event: Event, id: string): void {
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"]`);
    if (!target) return;
    target.tabIndex = -1;
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
    history.replaceState(history.state, '', `#${id}`);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    this.composer.beforeRender();
    if (changed.has('consultation') || changed.has('section')) {
      this.composer.close();
      this.selectedBlock = null;
      this.blockCounts = {};
      this.newRevision = null;
    }
  }

  private onLiveEvent(event: LiveEventArgs): void {
    // thread.closed / thread.reopened carry the thread's first comment, like comment.* events.
    if (isCommentEvent(event)) {
      this.comments?.applyLive(event[1]);
    } else if (event[0] === 'comment.counts_changed') {
      this.comments?.applyLive(event[1].comment);
    } else if (event[0] === 'revision.published') {
      const revision = event[1];
      if (revision.number > (this.data.value?.section.revision.number ?? 0)) this.newRevision = revision;
    } else if (event[0].startsWith('suggestion.')) {
      void this.suggestions?.reload();
    } else if (event[0].startsWith('proposal.')) {
      this.proposalsLink?.reload(); // opened, merged, rejected…: the open count changed
    } else if (event[0].startsWith('section.')) {
      void this.refresh(); // comments closed or reopened, locked or unlocked
    }
  }

  /**
   * Reloads the section in place. The page keeps showing the old text meanwhile (so a half-written
   * comment stays put), and afterwards the passage the reader was looking at is where it was.
   */
  private async refresh(): Promise<void> {
    const blocks = [...this.renderRoot.querySelectorAll<HTMLElement>('article [data-block-id]')];
    const anchor = blocks.find((b) => b.getBoundingClientRect().bottom > 0);
    const before = anchor?.getBoundingClientRect().top;
    await this.data.run();
    await this.updateComplete;
    this.newRevision = null;
    const after = anchor && this.renderRoot.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(anchor.dataset.blockId!)}"]`);
    if (after && before !== undefined) window.scrollBy(0, after.getBoundingClientRect().top - before);
  }

  /**
   * Opens the comment form in the text, right after the passage. Escape returns focus to the
   * button it came from; the selection's own button vanishes, so that is the passage's marker.
   */
  private startComment({ anchor, cut }: QuoteChoice, section: SectionDetail, returnFocus: HTMLElement | null = null): void {
    const block = section.revision.blocks.find((b) => b.id === anchor.blockId);
    if (block && this.article) {
      void this.composer.open(this.article, { consultation: section.consultation.slug, section: section.slug, block, anchor, cut, returnFocus, canSuggest: this.canSuggest() });
    }
  }

  /** Whether the reader may suggest changes here (the server refuses anything else). */
  private canSuggest(): boolean {
    return this.data.value?.consultation.phase === 'open' && !!this.session.user?.can.participate;
  }

  /** "Suggest a change" from a selection or from the comment form: the passage becomes editable in place. */
  private suggestChange({ anchor }: QuoteChoice): void {
    this.composer.close();
    void this.suggestions?.startSuggestion(anchor);
  }

  /** After suggestions were accepted: the new version, and the proposals they settled. */
  private afterSuggestionsAccepted(): void {
    void this.refresh();
    this.proposalsLink?.reload();
  }

  private commentOnBlock(blockId: string, section: SectionDetail): void {
    const block = section.revision.blocks.find((b) => b.id === blockId);
    if (block) this.startComment({ anchor: wholeBlockAnchor(block), cut: false }, section, deepActiveElement());
  }

  /** "Skip to the text": to the comment buttons beside it when there are any, else to the text. */
  private skipToText(): void {
    if (this.markers?.focusBlock()) return;
    this.article?.focus();
  }

  /** The margin markers and the selection button measure the article, so they get it once rendered. */
  private connectOverlays(): void {
    const article = this.renderRoot.querySelector<HTMLElement>('article');
    if (!article) return;
    const markers = this.renderRoot.querySelector('agora-block-markers');
    const quoteButton = this.renderRoot.querySelector('agora-quote-button');
    if (markers) markers.container = article;
    if (quoteButton) quoteButton.container = article;
    if (this.suggestions) this.suggestions.article = article;
    for (const block of article.querySelectorAll<HTMLElement>('[data-block-id]')) block.toggleAttribute('data-selected', block.dataset.blockId === this.selectedBlock);
    // Redrawn only when what they show changed (the text itself may have been re-rendered).
    const marks = JSON.stringify([this.selectedBlock, this.passages, this.data.value?.section.revision.number]);
    if (marks !== this.drawnMarks || (this.selectedBlock && !article.querySelector('mark'))) {
      markQuotedPassages(article, this.selectedBlock, this.passages);
      this.drawnMarks = marks;
    }
  }

  protected override updated(): void {
    this.connectOverlays();
    const section = this.data.value?.section;
    if (section && this.article) this.composer.place(this.article, section.revision.blocks);
    if (this.article) this.suggestions?.place(this.article);
    const id = location.hash.slice(1);
    if (id && this.data.status === 2 /* COMPLETE */) {
      this.renderRoot.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'start' });
    }
  }

  override render() {
    if (this.data.status === TaskStatus.ERROR) {
      return html`<agora-load-error .error=${this.data.error} what="section" @retry=${() => this.data.run()}></agora-load-error>`;
    }
    // While reloading, keep the current page on screen: nothing the reader typed is thrown away.
    const loaded = this.data.value;
    if (!loaded) return html`<p aria-live="polite">Loading…</p>`;
    return this.renderPage(loaded);
  }

  private renderPage({ section, consultation }: { section: SectionDetail; consultation: ConsultationDetail }) {
    setPageTitle(`${section.title} — ${consultation.title}`);
    const index = consultation.sections.findIndex((s) => s.slug === section.slug);
    const previous = consultation.sections[index - 1];
    const next = consultation.sections[index + 1];
    const toc = this.tocOf(section);
    const user = this.session.user;
    const canComment = section.acceptsComments && !!user?.can.participate;
    const canSuggest = this.canSuggest();
    return html`
      <button class="skip-to-text" @click=${this.skipToText}>Skip to the text</button>
      <p><a href="/c/${consultation.slug}">${consultation.title}</a></p>
      <h1>${section.title}</h1>
      <div class="meta">
        <agora-phase-tag .phase=${consultation.phase}></agora-phase-tag>
        <span class="muted">${phaseSentence(consultation.phase, consultation.opensAt, consultation.closesAt)}</span>
        <span class="muted">Version ${section.revision.number}, ${formatDate(section.revision.createdAt)}</span>
        <agora-section-tools .consultation=${consultation.slug} .section=${section.slug}></agora-section-tools>
        <agora-follow-button .consultation=${consultation.slug} .section=${section.slug}></agora-follow-button>
        <agora-presence .presence=${this.live.presence}></agora-presence>
      </div>
      ${this.newRevision
        ? html`<div class="banner" role="status">
            <p>A new version of this section was published: version ${this.newRevision.number}, “${this.newRevision.summary}”.</p>
            <button @click=${() => this.refresh()}>Show the new version</button>
          </div>`
        : null}
      <agora-section-proposals-link .consultation=${consultation.slug} .section=${section.slug}></agora-section-proposals-link>
      <agora-section-suggestions .section=${section} ?canSuggest=${canSuggest} @section-changed=${this.afterSuggestionsAccepted}></agora-section-suggestions>
      <div class="layout">
        <div>
          <div class="reading" @suggest-chosen=${(e: CustomEvent<QuoteChoice>) => this.suggestChange(e.detail)}>
            <article class="prose" aria-labelledby="section-title" tabindex="-1">
              <h2 id="section-title" class="visually-hidden">${section.title} text</h2>
              ${unsafeHTML(section.revision.html)}
            </article>
            <agora-block-markers
              .blocks=${section.revision.blocks}
              .counts=${this.blockCounts}
              .selected=${this.selectedBlock}
              ?canComment=${canComment}
              @block-selected=${(e: CustomEvent<{ blockId: string | null }>) => (this.selectedBlock = e.detail.blockId)}
              @comment-on-block=${(e: CustomEvent<{ blockId: string }>) => this.commentOnBlock(e.detail.blockId, section)}
            ></agora-block-markers>
            ${canComment || canSuggest
              ? html`<agora-quote-button
                  .blocks=${section.revision.blocks}
                  ?canComment=${canComment}
                  ?canSuggest=${canSuggest}
                  @quote-chosen=${(e: CustomEvent<QuoteChoice>) => this.startComment(e.detail, section)}
                ></agora-quote-button>`
              : null}
          </div>
          <agora-section-comments
            .consultation=${consultation}
            .section=${section}
            .block=${this.selectedBlock}
            @comment-passages=${(e: CustomEvent<{ anchors: AnchorView[] }>) => (this.passages = e.detail.anchors)}
            @comment-counts=${(e: CustomEvent<{ byBlock: Record<string, number> }>) => (this.blockCounts = e.detail.byBlock)}
            @block-selected=${(e: CustomEvent<{ blockId: string | null }>) => (this.selectedBlock = e.detail.blockId)}
            @comment-on-block=${(e: CustomEvent<{ blockId: string }>) => this.commentOnBlock(e.detail.blockId, section)}
          ></agora-section-comments>
          <agora-anchor-review .consultation=${consultation.slug} .section=${section.slug} .revision=${section.revision.number}></agora-anchor-review>
          <agora-orphaned-comments .consultation=${consultation.slug} .section=${section.slug} .revision=${section.revision.number}></agora-orphaned-comments>
        </div>
        <aside>
          <nav aria-label="Contents">
            ${toc.length > 0 ? html`<h2>On this page</h2>${this.renderToc(toc)}` : null}
            <h2>All sections</h2>
            <ol>
              ${consultation.sections.map(
                (s) => html`<li><a href="/c/${consultation.slug}/${s.slug}" aria-current=${s.slug === section.slug ? 'page' : 'false'}>${s.title}</a></li>`,
              )}
            </ol>
          </nav>
        </aside>
      </div>
      <nav class="pager" aria-label="Previous and next sections">
        ${previous ? html`<a href="/c/${consultation.slug}/${previous.slug}" rel="prev">← ${previous.title}</a>` : html`<span></span>`}
        ${next ? html`<a href="/c/${consultation.slug}/${next.slug}" rel="next">${next.title} →</a>` : null}
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-view': AgoraSectionView;
  }
}
