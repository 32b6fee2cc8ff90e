import type { ReactiveControllerHost } from 'lit';
import type { SectionCampaign } from '../../../server/contracts/analysis';
import { CoalescedReload } from '../../live/coalesced-reload';
import { sectionCampaigns } from './comments-api';

/** A new or changed top-level comment may join or leave a campaign: the groups are read again once this long after. */
const REFRESH_MS = 2_000;

/** The campaigns of the section shown, for the comments list to collapse each campaign's copies. */
export class SectionCampaignsController {
  campaigns: SectionCampaign[] = [];
  private readonly refresh: CoalescedReload;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly where: () => { consultation: string; section: string },
  ) {
    this.refresh = new CoalescedReload(host, () => this.load(), REFRESH_MS);
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
    this.refresh.request();
  }
}
