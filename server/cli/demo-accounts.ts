import type { Role } from '../contracts/auth';
import type { Db } from '../db/database';
import type { CurrentUser } from '../features/auth/current-user';
import { createUser } from '../features/auth/users.service';

/**
 * The demo's accounts. The passwords are published (here, in the README and at start) on purpose:
 * they exist only in the demo's own database. Each meets the ordinary password rules.
 */
export const DEMO_ACCOUNTS = [
  { username: 'amira', displayName: 'Amira Hassan', role: 'citizen', password: 'try-as-citizen', tryThis: 'comment on a passage, reply, endorse, propose an edit' },
  { username: 'tom', displayName: 'Tom Okafor', role: 'citizen', password: 'try-as-citizen', tryThis: 'revise or withdraw his open proposal on Governance' },
  { username: 'ruth', displayName: 'Ruth Lindqvist', role: 'citizen', password: 'try-as-citizen', tryThis: 'see her objection and the report she made' },
  { username: 'sam', displayName: 'Sam Whitfield', role: 'citizen', password: 'try-as-citizen', tryThis: 'try posting a comment twice (refused as a duplicate)' },
  { username: 'eleanor', displayName: 'Eleanor Price', role: 'editor', password: 'try-as-editor', tryThis: 'review and merge Tom’s open proposal; compare versions 1 and 2' },
  { username: 'marcus', displayName: 'Marcus Webb', role: 'moderator', password: 'try-as-moderator', tryThis: 'handle the reported duplicate in the moderation queue; close a thread' },
  { username: 'alex', displayName: 'Alex Morgan', role: 'admin', password: 'try-as-admin', tryThis: 'change roles and block accounts at /admin/users' },
] as const satisfies readonly { username: string; displayName: string; role: Role; password: string; tryThis: string }[];

export type DemoName = (typeof DEMO_ACCOUNTS)[number]['username'];
export type DemoPeople = Record<DemoName, CurrentUser>;

/** Its presence means the demo database has been seeded (see demo-seed.ts). */
export const DEMO_ADMIN: DemoName = 'alex';

/** Creates every demo account through the same service as `npm run user` (same rules, same hashing). */
export async function createDemoAccounts(db: Db): Promise<DemoPeople> {
  const people: Partial<DemoPeople> = {};
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser(db, account);
    people[account.username] = { id: user.id, username: user.username, displayName: user.displayName, role: user.role, blocked: user.blocked };
  }
  return people as DemoPeople;
}

/** The accounts as a table for the terminal, with the warning that goes with them. */
export function accountsBanner(siteOrigin: string): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.username.padEnd(9)} ${a.password.padEnd(17)} ${a.tryThis}`);
  return [
    '',
    `Agora demo: ${siteOrigin}  (sign in at ${siteOrigin}/sign-in)`,
    '',
    `  ${'role'.padEnd(10)} ${'username'.padEnd(9)} ${'password'.padEnd(17)} try`,
    ...rows,
    '',
    '  WARNING: these passwords are public. They are for trying the product on this demo',
    '  database only; never create such accounts on a real site (npm start never does).',
    '',
  ].join('\n');
}
