import type { Migration } from 'kysely';
import * as initial from './0001_initial';

/** Every migration, registered by hand in order (no directory scanning, so bundlers and tests agree). */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
