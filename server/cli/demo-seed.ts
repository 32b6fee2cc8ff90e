import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import { accountByUsername } from '../features/auth/users.service';
import type { App } from '../platform/fastify';
import { createDemoAccounts, DEMO_ADMIN } from './demo-accounts';
import { DemoActions } from './demo-actions';
import { seedDiscussion } from './demo-discussion';

export { DEMO_CONSULTATION } from './demo-actions';

export interface DemoSeedReport {
  /** False when the database had been seeded before, so nothing was written. */
  seeded: boolean;
  /** What the seed did that cannot be seen on the page (a refused duplicate), for the terminal. */
  notes: string[];
}

/** The demo admin exists only once everything was seeded: the seed is one transaction. */
export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await accountByUsername(db, DEMO_ADMIN)) !== undefined;
}

/**
 * Creates the demo accounts and the sample discussion through the real services, so events,
 * counts, anchors, revisions and the moderation log are exactly what people doing it would
 * leave. All in one write transaction: a failure leaves nothing half-seeded. Expects the
 * content to be loaded. Seeding an already seeded database changes nothing.
 */
export async function seedDemo(app: App): Promise<DemoSeedReport> {
  if (await isDemoSeeded(app.db)) return { seeded: false, notes: [] };
  return writeTransaction(app.db, async (trx) => {
    const people = await createDemoAccounts(trx);
    const notes = await seedDiscussion(new DemoActions(trx, app.config, people));
    return { seeded: true, notes };
  });
}
