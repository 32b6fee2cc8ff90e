import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import type { Role } from '../contracts/auth';
import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrator';
import { createUser } from '../features/auth/users.service';

const USAGE = `Usage: npm run user -- create <username> [--role citizen|editor|moderator|admin] [--name "Display Name"]
The password is read from AGORA_PASSWORD if set, otherwise asked for (not echoed).`;
const ROLES: Role[] = ['citizen', 'editor', 'moderator', 'admin'];

/** Asks for a password without echoing it to the terminal. */
async function askPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  const answer = new Promise<string>((resolve) => rl.question(prompt, resolve));
  muted._writeToOutput = () => {};
  process.stdout.write(prompt);
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string', default: 'citizen' }, name: { type: 'string' } } });
  const [command, username] = positionals;
  const role = values.role as Role;
  if (command !== 'create' || !username || !ROLES.includes(role)) {
    console.error(USAGE);
    process.exit(2);
  }
  const password = process.env.AGORA_PASSWORD ?? (await askPassword(`Password for ${username}: `));
  const db = createDatabase(loadConfig());
  try {
    await migrateToLatest(db);
    const user = await createUser(db, { username, displayName: values.name ?? username, password, role });
    console.log(`Created ${user.role} "${user.username}".`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`Could not create the user: ${error.message}`);
  process.exit(1);
});
