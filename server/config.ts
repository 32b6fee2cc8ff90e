import os from 'node:os';
import path from 'node:path';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Folder for the SQLite file; `:memory:` keeps the database in memory (tests). */
  readonly dataDir: string;
  /** `postgres://…` runs on PostgreSQL instead of SQLite (see README, "Running on PostgreSQL"). */
  readonly databaseUrl?: string;
  /** PostgreSQL only: the schema Agora's tables live in, created when missing (default: the server's search_path). */
  readonly databaseSchema?: string;
  readonly logLevel: LogLevel;
  /** `FULL` survives a power cut; `NORMAL` may lose the last commits (see README). */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * How long a write waits for SQLite's write lock while another connection holds it (a CLI
   * command, a checkpoint truncating the WAL) before it is refused with 503; the wait is on
   * timers, so other requests go on meanwhile.
   */
  readonly sqliteBusyTimeoutMs: number;
  /** Past this size the WAL is emptied, even if writes must pause a moment for it. */
  readonly sqliteWalTruncateMb: number;
  /** Folder holding the sample consultation(s) loaded at start. */
  readonly contentDir: string;
  /** Folder holding the built client; served when it exists. */
  readonly clientDir: string;
  /** The site's public origin (scheme://host:port); websocket upgrades from other origins are refused. */
  readonly siteOrigin: string;
  /** Trust X-Forwarded-* from a reverse proxy (needed for `Secure` cookies behind TLS termination). */
  readonly trustProxy: boolean;
  /** `auto`: Secure cookies when the request came over HTTPS; `always` / `never` force it. */
  readonly cookieSecure: 'auto' | 'always' | 'never';
  /** Sessions unused for this long expire. */
  readonly sessionIdleDays: number;
  /** Requests per minute per IP across the whole API. */
  readonly rateLimitPerMinute: number;
  /** Sign-in and registration attempts per minute, per IP and per username. */
  readonly authRateLimitPerMinute: number;
  /** How often live sockets are pinged; one that misses a ping is closed. */
  readonly liveHeartbeatMs: number;
  /** A live socket with more unsent bytes than this is cut off (it resumes from its last seq). */
  readonly liveMaxBufferedBytes: number;
  /** Open live sockets allowed from one address (IPv6: one /64); more are refused with 429. */
  readonly liveMaxSocketsPerAddress: number;
  /** Live events older than this are pruned; clients resuming from before get `reset`. */
  readonly eventRetentionDays: number;
  /** A comment reported by this many different people is hidden until a moderator reviews it. */
  readonly reportHideThreshold: number;
  /** Where a consultation pre-moderates, comments from accounts younger than this wait for approval. */
  readonly premoderationAccountAgeHours: number;
  /** `smtp://` or `smtps://` URL of the mail server; null writes each email as an `.eml` file to `mailOutboxDir`. */
  readonly smtpUrl: string | null;
  /** The From address of every email. */
  readonly mailFrom: string;
  /** Where emails are written when there is no SMTP server: `DATA_DIR/outbox/`. */
  readonly mailOutboxDir: string;
  /** Accounts younger than this wait `newAccountPostIntervalSeconds` between their posts. */
  readonly newAccountHours: number;
  /** Seconds such an account waits between posts; 0 turns the rule off. */
  readonly newAccountPostIntervalSeconds: number;
  /**
   * While writes land faster than this, a section page is read again at most once per this many
   * milliseconds and readers in between share the last read; its `liveSeq` says where it stands,
   * so a live reader catches up from there. So is a section's first page of comments for a
   * signed-out reader whose live channel stands no later than that page (`since`). 0: every read
   * after a write reads again.
   */
  readonly sectionPageLagMs: number;
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
  const sqliteBusyTimeoutMs = zeroOrPositiveInteger('SQLITE_BUSY_TIMEOUT_MS', env.SQLITE_BUSY_TIMEOUT_MS ?? '5000', problems);
  const sqliteWalTruncateMb = positiveInteger('SQLITE_WAL_TRUNCATE_MB', env.SQLITE_WAL_TRUNCATE_MB ?? '64', problems);
  const trustProxy = oneOf('TRUST_PROXY', env.TRUST_PROXY ?? 'false', ['true', 'false'] as const, problems) === 'true';
  const cookieSecure = oneOf('COOKIE_SECURE', env.COOKIE_SECURE ?? 'auto', ['auto', 'always', 'never'] as const, problems);
  const sessionIdleDays = positiveInteger('SESSION_IDLE_DAYS', env.SESSION_IDLE_DAYS ?? '30', problems);
  const rateLimitPerMinute = positiveInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE ?? '600', problems);
  const authRateLimitPerMinute = positiveInteger('AUTH_RATE_LIMIT_PER_MINUTE', env.AUTH_RATE_LIMIT_PER_MINUTE ?? '5', problems);
  const liveHeartbeatMs = positiveInteger('LIVE_HEARTBEAT_MS', env.LIVE_HEARTBEAT_MS ?? '30000', problems);
  const liveMaxBufferedBytes = positiveInteger('LIVE_MAX_BUFFERED_BYTES', env.LIVE_MAX_BUFFERED_BYTES ?? String(1024 * 1024), problems);
  const liveMaxSocketsPerAddress = positiveInteger('LIVE_MAX_SOCKETS_PER_ADDRESS', env.LIVE_MAX_SOCKETS_PER_ADDRESS ?? '50', problems);
  const eventRetentionDays = positiveInteger('EVENT_RETENTION_DAYS', env.EVENT_RETENTION_DAYS ?? '30', problems);
  const reportHideThreshold = positiveInteger('REPORT_HIDE_THRESHOLD', env.REPORT_HIDE_THRESHOLD ?? '3', problems);
  const premoderationAccountAgeHours = positiveInteger('PREMODERATION_ACCOUNT_AGE_HOURS', env.PREMODERATION_ACCOUNT_AGE_HOURS ?? '24', problems);
  const siteOrigin = parseOrigin(env.SITE_ORIGIN ?? `http://localhost:${port}`, problems);
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL, problems);
  const databaseSchema = env.DATABASE_SCHEMA ? identifier('DATABASE_SCHEMA', env.DATABASE_SCHEMA, problems) : undefined;
  const smtpUrl = parseSmtpUrl(env.SMTP_URL, problems);
  const newAccountHours = positiveInteger('NEW_ACCOUNT_HOURS', env.NEW_ACCOUNT_HOURS ?? '24', problems);
  const newAccountPostIntervalSeconds = zeroOrPositiveInteger('NEW_ACCOUNT_POST_INTERVAL_SECONDS', env.NEW_ACCOUNT_POST_INTERVAL_SECONDS ?? '30', problems);
  const sectionPageLagMs = zeroOrPositiveInteger('SECTION_PAGE_LAG_MS', env.SECTION_PAGE_LAG_MS ?? '50', problems);
  const dataDir = env.DATA_DIR === ':memory:' ? ':memory:' : path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data'));

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(databaseSchema ? { databaseSchema } : {}),
    logLevel,
    sqliteSynchronous,
    sqliteBusyTimeoutMs,
    sqliteWalTruncateMb,
    contentDir: path.resolve(env.CONTENT_DIR ?? path.join(ROOT, 'content')),
    clientDir: path.join(ROOT, 'dist', 'client'),
    siteOrigin,
    trustProxy,
    cookieSecure,
    sessionIdleDays,
    rateLimitPerMinute,
    authRateLimitPerMinute,
    liveHeartbeatMs,
    liveMaxBufferedBytes,
    liveMaxSocketsPerAddress,
    eventRetentionDays,
    reportHideThreshold,
    premoderationAccountAgeHours,
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? `Agora <no-reply@${new URL(siteOrigin).hostname}>`,
    // An in-memory database (tests) keeps its mail beside it in a temporary folder.
    mailOutboxDir: dataDir === ':memory:' ? path.join(os.tmpdir(), `agora-outbox-${process.pid}`) : path.join(dataDir, 'outbox'),
    newAccountHours,
    newAccountPostIntervalSeconds,
    sectionPageLagMs,
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

function positiveInteger(name: string, raw: string, problems: string[]): number {
  if (/^[1-9]\d{0,8}$/.test(raw)) return Number(raw);
  problems.push(`${name} must be a whole number above 0 (got "${raw}")`);
  return 1;
}

function zeroOrPositiveInteger(name: string, raw: string, problems: string[]): number {
  return raw === '0' ? 0 : positiveInteger(name, raw, problems);
}

function parseSmtpUrl(raw: string | undefined, problems: string[]): string | null {
  if (!raw) return null;
  try {
    if (['smtp:', 'smtps:'].includes(new URL(raw).protocol)) return raw;
  } catch {
    // reported below
  }
  problems.push('SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587');
  return null;
}

function parseOrigin(raw: string, problems: string[]): string {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === raw.replace(/\/$/, '')) return url.origin;
  } catch {
    // reported below
  }
  problems.push(`SITE_ORIGIN must be a scheme, host and optional port such as https://consult.example.org (got "${raw}")`);
  return 'http://localhost';
}

function parseDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  if (/^postgres(ql)?:\/\//.test(raw)) return raw;
  problems.push('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite)');
  return undefined;
}

/** A schema name goes into SQL and a connection option, so only plain lower-case identifiers. */
function identifier(name: string, raw: string, problems: string[]): string {
  if (/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) return raw;
  problems.push(`${name} must be lower-case letters, digits and underscores (got "${raw}")`);
  return 'public';
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], problems: string[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return allowed[0]!;
}
