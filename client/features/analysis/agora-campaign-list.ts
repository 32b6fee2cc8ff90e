import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CampaignDetail, CampaignSummary } from '../../../server/contracts/analysis';
import { errorMessage } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';
import { campaignDetail, joinCampaign, listCampaigns, splitFromCampaign } from './analysis-api';

/** Campaigns: "N people sent this text", the representative text, and each copy's differing words; staff split and join. */
@customElement('agora-campaign-list')
export class AgoraCampaignList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .campaign { border-left: 4px solid var(--agora-border, #b1b4b6); padding-left: var(--agora-space-3); margin-bottom: var(--agora-space-4); }
      blockquote { margin: var(--agora-space-2) 0; overflow-wrap: anywhere; }
      ins { background: #cce2d8; text-decoration: underline; }
      del { background: #f6d7d2; }
      ul.copies { padding-left: 1.25rem; }
      ul.copies li { margin-bottom: var(--agora-space-3); overflow-wrap: anywhere; }
      .row { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: end; }
      select { max-width: 100%; }
    `,
  ];

  @property() slug = '';
  @property({ type: Boolean }) staff = false;
  @state() private campaigns?: CampaignSummary[];
  @state() private open = new Map<number, CampaignDetail>();
  @state() private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      this.campaigns = await listCampaigns(this.slug);
      for (const id of this.open.keys()) this.open.set(id, await campaignDetail(this.slug, id));
      this.open = new Map([...this.open].filter(([id]) => this.campaigns!.some((c) => c.id === id)));
      this.problem = '';
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  private async toggle(id: number): Promise<void> {
    if (this.open.has(id)) this.open.delete(id);
    else this.open.set(id, await campaignDetail(this.slug, id));
    this.open = new Map(this.open);
  }

  private async act(work: Promise<unknown>): Promise<void> {
    try {
      await work;
      await this.reload();
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  private renderCopies(campaign: CampaignDetail) {
    const others = (this.campaigns ?? []).filter((c) => c.id !== campaign.id);
    return html`<ul class="copies">
        ${campaign.members.map(
          (m) => html`<li>
            ${m.changes.length === 0
              ? html`<span class="muted">Same text</span>`
              : m.changes.map((c) => (c.change === 'added' ? html`<ins>${c.words}</ins> ` : html`<del>${c.words}</del> `))}
            <details><summary>Read response ${m.response.id} in full</summary><p>${m.response.body}</p></details>
            ${this.staff ? html`<button class="secondary" @click=${() => this.act(splitFromCampaign(this.slug, campaign.id, m.response.id))}>Split response ${m.response.id} out</button>` : nothing}
          </li>`,
        )}
      </ul>
      ${this.staff && others.length > 0
        ? html`<div class="row">
            <label>Join another campaign into this one <select id="join-${campaign.id}">${others.map((o) => html`<option value=${o.id}>${o.size} people: ${o.representative.body.slice(0, 40)}…</option>`)}</select></label>
            <button class="secondary" @click=${() => this.act(joinCampaign(this.slug, campaign.id, Number(this.renderRoot.querySelector<HTMLSelectElement>(`#join-${campaign.id}`)!.value)))}>Join</button>
          </div>`
        : nothing}`;
  }

  override render() {
    if (this.problem) return html`<div role="alert"><p>${this.problem}</p><button @click=${() => this.reload()}>Try again</button></div>`;
    if (!this.campaigns) return html`<p aria-live="polite">Loading…</p>`;
    if (this.campaigns.length === 0) return html`<p>No campaigns found: no text was sent by several people.</p>`;
    return this.campaigns.map((c) => {
      const detail = this.open.get(c.id);
      return html`<article class="campaign" aria-labelledby="campaign-${c.id}">
        <h3 id="campaign-${c.id}">${c.size} people sent this text</h3>
        <blockquote>${c.representative.body}</blockquote>
        <button class="secondary" aria-expanded=${detail ? 'true' : 'false'} @click=${() => this.toggle(c.id)}>${detail ? 'Hide the copies' : `Show the ${c.size - 1} copies`}</button>
        ${detail ? this.renderCopies(detail) : nothing}
      </article>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-campaign-list': AgoraCampaignList;
  }
}
