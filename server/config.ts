import path from 'node:path';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder for the SQLite file; `:memory:` keeps the database in memory (tests). */
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** `FULL` survives a power cut; `NORMAL` may lose the last commits (see README). */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Folder holding the sample consultation(s) loaded at start. */
  readonly contentDir: string;
  /** Folder holding the built client; served when it exists. */
  readonly clientDir: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const ROOT = path.resolve(import.meta.dirname, '..');

/** Builds a frozen config from environment variables; throws ConfigError listing every bad value. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const port = parsePort(env.PORT ?? '3000', problems);
  const host = env.HOST ?? '127.0.0.1';
  const logLevel = oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', LOG_LEVELS, problems);
  const sqliteSynchronous = oneOf('SQLITE_SYNCHRONOUS', (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase(), ['FULL', 'NORMAL'] as const, problems);
  const dataDir = env.DATA_DIR === ':memory:' ? ':memory:' : path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data'));

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    dataDir,
    logLevel,
    sqliteSynchronous,
    contentDir: path.join(ROOT, 'content'),
    clientDir: path.join(ROOT, 'dist', 'client'),
    ...overrides,
  });
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
    return 0;
  }
  return port;
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], problems: string[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return allowed[0]!;
}
