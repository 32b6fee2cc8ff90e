import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import { onMessage, publish } from '../../db/postgres';

/** Who is on a section channel at one instance. */
export interface PresenceSummary {
  viewers: number;
  editing: string[];
  reviewing: string[];
}

interface Report extends PresenceSummary {
  instance: string;
  channel: string;
}

const TOPIC = 'presence';
/** Each instance repeats its reports this often, and forgets another's after TTL (one killed without a goodbye). */
export const PRESENCE_REFRESH_MS = 15_000;
const TTL_MS = 3 * PRESENCE_REFRESH_MS;
/** Names per report: NOTIFY payloads stop near 8 KB. */
const MAX_NAMES = 40;

/**
 * Presence across instances (PostgreSQL): each instance publishes its own viewers per channel when
 * they change (and every PRESENCE_REFRESH_MS), and adds the others' latest reports to its own
 * counts. On SQLite there is one instance, and this holds nothing.
 */
export class SharedPresence {
  private readonly instance = randomUUID();
  private readonly others = new Map<string, Map<string, PresenceSummary & { at: number }>>();
  private readonly stopHearing: () => void;

  constructor(
    private readonly db: Db,
    onRemoteChange: (channel: string) => void,
  ) {
    this.stopHearing = onMessage(db, TOPIC, (data) => {
      const report = data as Report;
      if (report.instance === this.instance) return;
      let reports = this.others.get(report.channel);
      if (!reports) this.others.set(report.channel, (reports = new Map()));
      if (report.viewers === 0) reports.delete(report.instance);
      else reports.set(report.instance, { viewers: report.viewers, editing: report.editing, reviewing: report.reviewing, at: Date.now() });
      if (reports.size === 0) this.others.delete(report.channel);
      onRemoteChange(report.channel);
    });
  }

  /** Tells the other instances what this one has on `channel` (a failure only delays their counts). */
  report(channel: string, local: PresenceSummary): void {
    const data: Report = { instance: this.instance, channel, viewers: local.viewers, editing: local.editing.slice(0, MAX_NAMES), reviewing: local.reviewing.slice(0, MAX_NAMES) };
    publish(this.db, TOPIC, data).catch(() => undefined);
  }

  /** This instance's summary with the other instances' fresh reports added. */
  combine(channel: string, local: PresenceSummary): PresenceSummary {
    const reports = this.others.get(channel);
    if (!reports) return local;
    const combined = { viewers: local.viewers, editing: new Set(local.editing), reviewing: new Set(local.reviewing) };
    for (const [instance, report] of reports) {
      if (Date.now() - report.at > TTL_MS) {
        reports.delete(instance);
        continue;
      }
      combined.viewers += report.viewers;
      for (const name of report.editing) combined.editing.add(name);
      for (const name of report.reviewing) combined.reviewing.add(name);
    }
    return { viewers: combined.viewers, editing: [...combined.editing].sort(), reviewing: [...combined.reviewing].sort() };
  }

  stop(): void {
    this.stopHearing();
  }
}
