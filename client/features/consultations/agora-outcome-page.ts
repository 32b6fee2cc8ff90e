import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { OutcomeReport, OutcomeRevision, OutcomeSection } from '../../../server/contracts/outcome';
import type { OutcomeTheme } from '../../../server/contracts/outcome-themes';
import '../../ui/agora-load-error';
import { formatDate } from '../../ui/format';
import { proseStyles } from '../../ui/prose-styles';
import { sharedStyles } from '../../ui/shared-styles';
import { tableStyles } from '../../ui/table-styles';
import { KIND_CHOICES, KIND_TAGS, plural } from '../comments/comment-kinds';
import { getOutcome } from './consultations-api';
import { themeCounts, themeQuote, themeQuoteStyles } from './theme-quotes';
import { setPageTitle } from '../../ui/page-title';

/**
 * /c/:c/outcome: the published response to a consultation: the response itself, what changed in
 * each section (with the proposals and comments each version took up), and the numbers.
 */
@customElement('agora-outcome-page')
export class AgoraOutcomePage extends LitElement {
  static override styles = [
    sharedStyles,
    proseStyles,
    tableStyles,
    themeQuoteStyles,
    css`
      .theme { border-top: 1px solid var(--agora-border); padding-top: var(--agora-space-3); }
      .response { border-left: 5px solid var(--agora-success); padding-left: var(--agora-space-3); }
      ol.versions { padding-left: 0; list-style: none; }
      ol.versions > li { border-top: 1px solid var(--agora-border); padding: var(--agora-space-3) 0; }
      .credits { margin: var(--agora-space-1) 0 0; }
      blockquote { margin: var(--agora-space-1) 0; padding-left: var(--agora-space-3); border-left: 3px solid var(--agora-text-muted); color: var(--agora-text-muted); overflow-wrap: anywhere; }
      td.number, th.number { text-align: right; }
      tfoot th, tfoot td { font-weight: 700; }
    `,
  ];

  @property() slug = '';

  private readonly outcome = new Task(this, {
    task: ([slug], { signal }) => getOutcome(slug, signal),
    args: () => [this.slug] as const,
  });

  override render() {
    return this.outcome.render({
      pending: () => html`<p aria-live="polite">Loading…</p>`,
      error: (error) => html`<agora-load-error .error=${error} what="outcome" @retry=${() => this.outcome.run()}></agora-load-error>`,
      complete: (report) => this.renderReport(report),
    });
  }

  private renderReport(report: OutcomeReport) {
    const { consultation: c } = report;
    setPageTitle(`Outcome: ${c.title}`);
    const changed = report.sections.filter((s) => s.revisions.length > 0);
    // The server renders and sanitises the response's Markdown (server/markdown/).
    return html`<p><a href="/c/${c.slug}">${c.title}</a></p>
      <h1>Outcome: ${c.title}</h1>
      <p>Published ${formatDate(report.publishedAt)}. The consultation ran from ${formatDate(c.opensAt)} to ${formatDate(c.closesAt)}.</p>
      <section class="response prose" aria-labelledby="response-title">
        <h2 id="response-title">Our response</h2>
        ${unsafeHTML(report.summaryHtml)}
      </section>
      ${report.themes.length > 0 || report.notThemed.total > 0 ? this.renderThemes(report) : nothing}
      <h2>What changed</h2>
      ${changed.length === 0 ? html`<p>No section was changed after the consultation opened.</p>` : changed.map((section) => this.renderSectionChanges(c.slug, section))}
      <h2>The numbers</h2>
      <p>${plural(report.responses.total, 'response')} (comments on the text, not counting replies), by section and kind:</p>
      ${this.renderTable(report)}
      ${report.questions.length > 0 ? this.renderQuestions(report) : nothing}
      <p><a href="/c/${c.slug}/changes">Change log of the consultation</a></p>`;
  }

  /** "You said, we did": each theme with what people said, our response, and the versions it changed. */
  private renderThemes(report: OutcomeReport) {
    const { notThemed } = report;
    return html`<h2>What you said, and what we did</h2>
      <p>${plural(report.themes.length, 'theme')}, largest first. A response can be in more than one theme.</p>
      ${report.themes.map((theme) => this.renderTheme(report.consultation.slug, theme))}
      ${notThemed.total > 0
        ? html`<section class="theme" aria-labelledby="not-themed">
            <h3 id="not-themed">Not themed</h3>
            <p>${plural(notThemed.total, 'response was', 'responses were')} read but not put in a theme.</p>
            ${notThemed.responses.map(themeQuote)}
            ${notThemed.total > notThemed.responses.length ? html`<p>And ${plural(notThemed.total - notThemed.responses.length, 'more')}.</p>` : nothing}
          </section>`
        : nothing}`;
  }

  private renderTheme(consultation: string, theme: OutcomeTheme) {
    const id = `theme-${theme.id}`;
    return html`<section class="theme" aria-labelledby=${id}>
      <h3 id=${id}>${theme.label}</h3>
      <p>${themeCounts(theme.kinds)}${theme.section ? ` · in ${theme.section}` : ''}</p>
      <h4>What you said</h4>
      ${theme.representatives.map(themeQuote)}
      <h4>What we did</h4>
      <div class="response prose">${unsafeHTML(theme.responseHtml)}</div>
      ${theme.revisions.length > 0
        ? html`<h4>What changed because of it</h4>
            <ul>
              ${theme.revisions.map((r) => html`<li><a href="/c/${consultation}/${r.section}/history/${r.number}">${r.sectionTitle}, version ${r.number}</a>: ${r.summary}</li>`)}
            </ul>`
        : nothing}
    </section>`;
  }

  private renderSectionChanges(consultation: string, section: OutcomeSection) {
    return html`<h3>${section.title}${section.retired ? ' (retired)' : ''}</h3>
      <ol class="versions">
        ${section.revisions.map((revision) => this.renderRevision(consultation, section, revision))}
      </ol>`;
  }

  private renderRevision(consultation: string, section: OutcomeSection, revision: OutcomeRevision) {
    const history = `/c/${consultation}/${section.slug}/history`;
    return html`<li>
      <p>
        <strong><a href="${history}/${revision.number}">Version ${revision.number}</a></strong>: ${revision.summary}
        <span class="muted">— ${revision.author?.displayName ?? 'from the published draft'}, ${formatDate(revision.createdAt)}</span>
      </p>
      ${revision.previous !== null ? html`<p><a href="${history}?from=${revision.previous}&to=${revision.number}">What changed from version ${revision.previous} (<span class="visually-hidden">${section.title}, </span>differences)</a></p>` : nothing}
      ${revision.mergedProposals.map(
        (p) => html`<p class="credits">Took up the proposal <a href="/p/${p.id}">“${p.summary}”</a> by ${p.author?.displayName ?? 'a removed account'}.</p>`,
      )}
      ${revision.addressedComments.length > 0
        ? html`<p class="credits">Addressed ${plural(revision.addressedComments.length, 'comment')}:</p>
            ${revision.addressedComments.map(
              (comment) => html`<blockquote>
                ${comment.excerpt}
                <footer>— <a href="/c/${consultation}/${section.slug}#comment-${comment.id}">${comment.author?.displayName ?? 'a removed account'}, ${KIND_TAGS[comment.kind].toLowerCase()}</a></footer>
              </blockquote>`,
            )}`
        : nothing}
    </li>`;
  }

  private renderQuestions(report: OutcomeReport) {
    return html`<div class="table-wrap">
      <table>
        <caption>Answers to each question</caption>
        <thead>
          <tr><th scope="col">Question</th><th scope="col">Section</th><th scope="col" class="number">Answers</th></tr>
        </thead>
        <tbody>
          ${report.questions.map((q) => html`<tr><th scope="row">${q.number}. ${q.text}</th><td>${q.section}</td><td class="number">${q.answers}</td></tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private renderTable(report: OutcomeReport) {
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Responses by section and kind</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            ${KIND_CHOICES.map(({ kind }) => html`<th scope="col" class="number">${KIND_TAGS[kind]}</th>`)}
            <th scope="col" class="number">All</th>
          </tr>
        </thead>
        <tbody>
          ${report.sections.map(
            (s) => html`<tr>
              <th scope="row"><a href="/c/${report.consultation.slug}/${s.slug}">${s.title}</a></th>
              ${KIND_CHOICES.map(({ kind }) => html`<td class="number">${s.responses[kind]}</td>`)}
              <td class="number">${s.responses.total}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All sections</th>
            ${KIND_CHOICES.map(({ kind }) => html`<td class="number">${report.responses[kind]}</td>`)}
            <td class="number">${report.responses.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-outcome-page': AgoraOutcomePage;
  }
}
