import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config';
import { SQLITE_FILE } from '../db/database';

/**
 * Left in a folder the demo created. A database without it belongs to someone else (a real site),
 * and the demo refuses to touch it — its accounts have published passwords.
 */
export const DEMO_MARKER = 'AGORA-DEMO.txt';

type Env = Record<string, string | undefined>;

/** `npm start`'s data folder when DATA_DIR is not set: the one folder the demo must never use. */
export function mainDataDir(): string {
  return loadConfig({}).dataDir;
}

/** The ordinary config, except that DATA_DIR defaults to `<main data folder>/demo`. */
export function demoConfig(env: Env = process.env): Config {
  return loadConfig({ ...env, DATA_DIR: env.DATA_DIR ?? path.join(mainDataDir(), 'demo') });
}

function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : path.resolve(p));
  return real(a) === real(b);
}

/**
 * Checks the demo's folder before anything opens a database there, creating it and its marker
 * when new. Throws a ConfigError (printed without a stack) for the main data folder and for any
 * folder holding a database the demo did not create.
 */
export function prepareDemoDataDir(config: Pick<Config, 'dataDir'>): void {
  const dir = config.dataDir;
  if (dir === ':memory:') return;
  if (sameFolder(dir, mainDataDir())) {
    throw new ConfigError([`DATA_DIR: the demo never uses the main database folder (${dir}). Unset DATA_DIR to use ${path.join(dir, 'demo')}, or choose another folder.`]);
  }
  const marker = path.join(dir, DEMO_MARKER);
  if (fs.existsSync(path.join(dir, SQLITE_FILE)) && !fs.existsSync(marker)) {
    throw new ConfigError([`DATA_DIR: ${dir} holds a database that the demo did not create. The demo only uses its own folder: unset DATA_DIR or choose an empty folder.`]);
  }
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(marker)) {
    fs.writeFileSync(marker, 'This folder holds the database of `npm run demo`: sample data and demo accounts with published passwords.\nDelete the folder to start the demo afresh.\n');
  }
}
