import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { RevisionDetail, SectionDetail } from '../../../server/contracts/consultations';
import '../../ui/agora-load-error';
import { formatDateTime } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { highlightPassage } from './passage-highlight';
import { getRevision, historyPath } from './revisions-api';
import { getSection } from '../consultations/consultations-api';
import { setPageTitle } from '../../ui/page-title';

/** A passage to highlight, from `?block=&start=&end=` (links from comments whose passage changed). */
function passageFromQuery(search: string): { blockId: string; start: number; end: number } | null {
  const query = new URLSearchParams(search);
  const blockId = query.get('block');
  const start = Number(query.get('start'));
  const end = Number(query.get('end'));
  return blockId && Number.isInteger(start) && Number.isInteger(end) && end > start ? { blockId, start, end } : null;
}

/** `/c/:c/:s/history/:n`: one version of a section as it was published, optionally with a passage highlighted. */
@customElement('agora-revision-view')
export class AgoraRevisionView extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    css`
      dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--agora-space-1) var(--agora-space-3); margin: 0 0 var(--agora-space-4); }
      dt { font-weight: 700; }
      dd { margin: 0; overflow-wrap: anywhere; }
      code { font-family: var(--agora-font-mono); font-size: 0.85rem; }
      .banner { border-left: 5px solid var(--agora-brand); padding: var(--agora-space-2) var(--agora-space-3); background: var(--agora-surface); max-width: var(--agora-measure); }
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); }
      mark { background: var(--agora-highlight); color: inherit; outline: 2px solid var(--agora-text); }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  @property({ type: Number }) number = 1;

  private highlighted?: string;

  private readonly data = new Task(this, {
    task: async ([consultation, section, number], { signal }) => {
      const [revision, detail] = await Promise.all([
        getRevision(consultation, section, number, signal),
        getSection(consultation, section, signal),
      ]);
      return { revision, section: detail };
    },
    args: () => [this.consultation, this.section, this.number] as const,
  });

  protected override updated(): void {
    if (this.data.status !== 2 /* COMPLETE */) return;
    const passage = passageFromQuery(location.search);
    const key = `${this.number}${location.search}`;
    if (!passage || this.highlighted === key) return;
    this.highlighted = key;
    const block = this.renderRoot.querySelector<HTMLElement>(`article [data-block-id="${CSS.escape(passage.blockId)}"]`);
    const mark = block && highlightPassage(block, passage.start, passage.end);
    mark?.scrollIntoView({ block: 'center' });
  }

  override render() {
    return this.data.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="version" @retry=${() => this.data.run()}></agora-load-error>`,
      complete: ({ revision, section }) => this.renderPage(revision, section),
    });
  }

  private renderPage(revision: RevisionDetail, section: SectionDetail) {
    setPageTitle(`${section.title}, version ${revision.number} — ${section.consultation.title}`);
    const current = section.revision.number;
    const history = historyPath(this.consultation, this.section);
    const passage = passageFromQuery(location.search);
    return html`
      <p><a href="/c/${section.consultation.slug}">${section.consultation.title}</a></p>
      <h1>${section.title}: version ${revision.number}</h1>
      ${revision.number === current
        ? html`<p class="banner">This is the current version.</p>`
        : html`<p class="banner">This is an earlier version. The section is now at version ${current}.</p>`}
      ${passage ? html`<p class="banner">The highlighted passage is the text a comment referred to when it was written.</p>` : nothing}
      <div class="links">
        <a href="/c/${this.consultation}/${this.section}">Read the current version</a>
        <a href=${history}>All versions</a>
        ${revision.number !== current ? html`<a href="${history}?from=${revision.number}&to=${current}">Compare with the current version</a>` : nothing}
      </div>
      <dl>
        <dt>What changed</dt>
        <dd>${revision.summary}</dd>
        <dt>By</dt>
        <dd>${revision.author?.displayName ?? 'Imported'}</dd>
        <dt>When</dt>
        <dd>${formatDateTime(revision.createdAt)}</dd>
        <dt>SHA-256</dt>
        <dd><code>${revision.sha256}</code></dd>
      </dl>
      <article class="prose" aria-label="Text of version ${revision.number}">${unsafeHTML(revision.html)}</article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-revision-view': AgoraRevisionView;
  }
}
