import type { Migration } from 'kysely';
import * as initial from './0001_initial';
import * as events from './0002_events';

/** Every migration, registered by hand in order (no directory scanning, so bundlers and tests agree). */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_events': events,
};
