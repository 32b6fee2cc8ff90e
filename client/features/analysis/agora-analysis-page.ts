import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnalysisJob } from '../../../server/contracts/analysis';
import { errorMessage } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { latestJob, startAnalysis } from './analysis-api';
import './agora-campaign-list';
import './agora-theme-list';
import type { AgoraCampaignList } from './agora-campaign-list';
import type { AgoraThemeList } from './agora-theme-list';
import { setPageTitle } from '../../ui/page-title';

const STAGES: Record<string, string> = { queued: 'Waiting to start', reading: 'Reading responses', grouping: 'Grouping campaigns', theming: 'Finding themes', saving: 'Saving', done: 'Finished', failed: 'Failed' };
const POLL_MS = 1_000;

/** /c/:c/analysis: editors and moderators start an analysis, follow its progress, and read and curate campaigns and themes. */
@customElement('agora-analysis-page')
export class AgoraAnalysisPage extends LitElement {
  static override styles = [sharedStyles, css`progress { width: 100%; max-width: 30rem; } .row { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: end; } label { display: flex; flex-direction: column; }`];

  @property() slug = '';
  @state() private job?: AnalysisJob | null;
  @state() private problem = '';
  private readonly session = new SessionController(this);
  private timer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    setPageTitle('Response analysis');
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private get active(): boolean {
    return this.job?.status === 'queued' || this.job?.status === 'running';
  }

  private async poll(): Promise<void> {
    const wasActive = this.active;
    try {
      this.job = await latestJob(this.slug);
      this.problem = '';
    } catch (error) {
      this.problem = errorMessage(error);
    }
    if (this.active) this.timer = setTimeout(() => void this.poll(), POLL_MS);
    else if (wasActive) {
      await this.updateComplete;
      void this.renderRoot.querySelector<AgoraCampaignList>('agora-campaign-list')?.reload();
      void this.renderRoot.querySelector<AgoraThemeList>('agora-theme-list')?.reload();
    }
  }

  private async start(event: Event): Promise<void> {
    event.preventDefault();
    const count = this.renderRoot.querySelector<HTMLInputElement>('#theme-count')!.value;
    try {
      this.job = await startAnalysis(this.slug, count ? Number(count) : undefined);
      this.problem = '';
      void this.poll();
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  private renderJob(job: AnalysisJob | null | undefined) {
    if (job === undefined) return html`<p aria-live="polite">Loading…</p>`;
    if (job === null) return html`<p>No analysis has run yet.</p>`;
    return html`<div role="status">
      <p>${STAGES[job.stage] ?? job.stage}: ${job.progress}%${job.error ? ` — ${job.error}` : ''}</p>
      <progress max="100" .value=${job.progress} aria-label="Analysis progress"></progress>
    </div>`;
  }

  override render() {
    if (this.session.user !== undefined && !this.session.user?.can.analyseResponses) {
      return html`<h1>Response analysis</h1><p>Only editors and moderators can analyse responses. <a href="/sign-in">Sign in</a></p>`;
    }
    return html`<p><a href="/c/${this.slug}">Back to the consultation</a></p>
      <h1>Response analysis</h1>
      <p>Campaigns group responses that many people sent with a few words changed. Themes are proposed on this server, offline; new responses are suggested into the themes you keep, and your changes are never overwritten.</p>
      ${this.problem ? html`<div role="alert"><p>${this.problem}</p></div>` : nothing}
      <form class="row" @submit=${this.start}>
        <label for="theme-count">Number of themes (leave empty to let the analysis choose)<input id="theme-count" type="number" min="2" max="40" inputmode="numeric" /></label>
        <button type="submit" ?disabled=${this.active}>Start analysis</button>
      </form>
      ${this.renderJob(this.job)}
      <h2>Campaigns</h2>
      <agora-campaign-list .slug=${this.slug} staff></agora-campaign-list>
      <h2>Themes</h2>
      <agora-theme-list .slug=${this.slug}></agora-theme-list>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-analysis-page': AgoraAnalysisPage;
  }
}
