import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SectionCampaign } from '../../../server/contracts/analysis';
import { sectionCampaigns } from './comments-api';

/** A new or changed top-level comment may join or leave a campaign: the groups are read again once this long after. */
const REFRESH_MS = 2_000;

/** The campaigns of the section shown, for the comments list to collapse each campaign's copies. */
export class SectionCampaignsController implements ReactiveController {
  campaigns: SectionCampaign[] = [];
  private refresh?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly where: () => { consultation: string; section: string },
  ) {
    host.addController(this);
  }

  /** Reads them again; the list keeps the ones it has if that fails (the copies are then shown one by one at worst). */
  async load(signal?: AbortSignal): Promise<void> {
    const { consultation, section } = this.where();
    try {
      this.campaigns = await sectionCampaigns(consultation, section, signal);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.campaigns = [];
    }
    this.host.requestUpdate();
  }

  /** Many copies can arrive at once: one read follows them all. */
  loadSoon(): void {
    this.refresh ??= setTimeout(() => {
      this.refresh = undefined;
      void this.load();
    }, REFRESH_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.refresh);
    this.refresh = undefined;
  }
}
