import { Kysely, type KyselyPlugin, PostgresAdapter, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

type Db = Kysely<Database>;

/**
 * NOTIFY channels are per database, not per schema: every name ends with the schema the
 * connection works in (`current_schema()`), so instances on other schemas of the same database
 * (tests, several sites) do not hear each other.
 */
const CHANGES = 'agora_changes_';
const MESSAGES = 'agora_messages_';
/** A LISTEN connection that broke (server restart, failover) is opened again after this long. */
const RELISTEN_MS = 1_000;

/**
 * Every transaction that appends to `events` (and every group-commit batch) takes this
 * transaction-scoped advisory lock first, so event seqs commit in seq order across instances and
 * a reader of `seq > last` can never skip a row that commits later with a lower seq (one lock per
 * schema: sites or tests on other schemas of the database do not wait for each other). See README,
 * "Running on PostgreSQL", for why a lock rather than a snapshot (xid8) cursor.
 */
const WRITE_LOCK = 0x4a6f7261; // any constant; shared by every instance on the database

const INT8 = 20;
const NUMERIC = 1700;
/** count(), sum() and max() return int8/numeric, which pg hands back as strings; the app expects numbers as on SQLite. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

interface PostgresHandle {
  readonly url: string;
  readonly schema?: string;
  /** Bumped after every commit seen (own or another instance's): the read cache's change token. */
  version: number;
  readonly listeners: Set<() => void>;
  /** Instance-to-instance messages by topic (presence): see publish / onMessage. */
  readonly topics: Map<string, Set<(data: unknown) => void>>;
  listener?: pg.Client;
  closing: boolean;
}

const handles = new WeakMap<Db, PostgresHandle>();

const connectionOptions = (url: string, schema?: string): pg.ClientConfig => ({
  connectionString: url,
  types,
  ...(schema ? { options: `-c search_path=${schema}` } : {}),
});

/** Opens a pool on `url`; with `schema`, every connection uses that schema (created by `preparePostgres`). */
export function createPostgresDatabase(url: string, schema?: string, poolSize = 10): Db {
  const pool = new pg.Pool({ ...connectionOptions(url, schema), max: poolSize });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  handles.set(db, { url, schema, version: 0, listeners: new Set(), topics: new Map(), closing: false });
  return db;
}

/** True for a database opened by createPostgresDatabase (not for its transactions: see usesPostgres). */
export function isPostgresDatabase(db: Db): boolean {
  return handles.has(db);
}

/** True for a PostgreSQL database or any transaction on one. */
export function usesPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The configured schema (DATABASE_SCHEMA), if any: the migrator keeps its own tables there too. */
export function postgresSchema(db: Db): string | undefined {
  return handles.get(db)?.schema;
}

/** Starts hearing every instance's commits and messages (onDatabaseChange, onMessage); no-op on SQLite. */
export async function listenForChanges(db: Db): Promise<void> {
  const handle = handles.get(db);
  if (!handle || handle.listener) return;
  await listen(handle);
}

async function listen(handle: PostgresHandle): Promise<void> {
  const client = new pg.Client(connectionOptions(handle.url, handle.schema));
  const relisten = () => {
    if (handle.closing || handle.listener !== client) return;
    handle.listener = undefined;
    setTimeout(() => void listen(handle).catch(relisten), RELISTEN_MS).unref();
  };
  handle.listener = client;
  client.on('error', relisten);
  client.on('end', relisten);
  client.on('notification', (message) => (message.channel.startsWith(MESSAGES) ? received(handle, message.payload) : changed(handle)));
  await client.connect();
  const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
  const ident = (base: string) => client.escapeIdentifier(base + rows[0]!.schema);
  await client.query(`LISTEN ${ident(CHANGES)}; LISTEN ${ident(MESSAGES)}`);
  // Commits made while no connection listened were not heard: read as if one had been.
  changed(handle);
}

/** Closes the LISTEN connection (the pool is closed by `db.destroy()`). */
export async function stopListening(db: Db): Promise<void> {
  const handle = handles.get(db);
  if (!handle) return;
  handle.closing = true;
  await handle.listener?.end().catch(() => undefined);
  handle.listener = undefined;
}

/** Sends `data` (JSON, under NOTIFY's 8,000 bytes) to every instance's `onMessage(topic)`, this one's included. */
export async function publish(db: Db, topic: string, data: unknown): Promise<void> {
  const handle = handles.get(db);
  if (!handle) return;
  await sql`SELECT pg_notify(${MESSAGES} || current_schema(), ${JSON.stringify({ topic, data })})`.execute(db);
}

/** Hears `publish(topic)` from every instance (PostgreSQL only; nothing on SQLite, which has one). */
export function onMessage(db: Db, topic: string, listener: (data: unknown) => void): () => void {
  const handle = handles.get(db);
  if (!handle) return () => undefined;
  let listeners = handle.topics.get(topic);
  if (!listeners) handle.topics.set(topic, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function received(handle: PostgresHandle, payload: string | undefined): void {
  const { topic, data } = JSON.parse(payload ?? '{}') as { topic?: string; data?: unknown };
  for (const listener of handle.topics.get(topic ?? '') ?? []) listener(data);
}

/** Calls `listener` after every commit on the database, by this instance or another (PostgreSQL only). */
export function onDatabaseChange(db: Db, listener: () => void): () => void {
  const handle = handles.get(db);
  handle?.listeners.add(listener);
  return () => handle?.listeners.delete(listener);
}

/** The read cache's change token on PostgreSQL: moves on every commit this instance makes or hears of. */
export function postgresChangeToken(db: Db): string | undefined {
  const handle = handles.get(db);
  return handle && String(handle.version);
}

/**
 * The write lock and a change notification. The NOTIFY is queued in the transaction (PostgreSQL
 * folds repeats into one), so it reaches every instance exactly when the transaction commits. SQL
 * text without parameters, so it can share one simple query (one round trip) with other statements.
 */
const LOCK_AND_ANNOUNCE = `SELECT pg_advisory_xact_lock(${WRITE_LOCK}, hashtext(current_schema())), pg_notify('${CHANGES}' || current_schema(), '')`;

/**
 * Carried by the transaction a group-commit batch hands its writes (Kysely keeps a transaction's
 * plugins through `withPlugin` and the like): it already holds the write lock and has announced
 * itself, so `lockAndAnnounce` need not ask again.
 */
const HOLDS_WRITE_LOCK: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult: async ({ result }) => result,
};

/** The write lock and a change notification in one round trip, for a transaction that appends an event. */
export async function lockAndAnnounce(trx: Kysely<Database>): Promise<void> {
  if (trx.getExecutor().plugins.includes(HOLDS_WRITE_LOCK)) return;
  await sql.raw(LOCK_AND_ANNOUNCE).execute(trx);
}

export type UnitOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Each write of a batch runs in this savepoint; the name is reused, as one write follows another. */
const UNIT = 'SAVEPOINT unit';

/**
 * Runs a group-commit batch in one transaction that holds the write lock from its second round
 * trip to its COMMIT, in as few round trips as its guarantees allow (the lock is held across the
 * network, so every round trip lengthens every other instance's wait): after BEGIN, the lock, the
 * NOTIFY and the first write's savepoint go as one multi-statement query; between two writes, the
 * end of one's savepoint and the start of the next's go as one. Each write runs in its own
 * savepoint, so one that throws rolls back alone; its outcome is returned, not thrown. A write's
 * savepoint is released before COMMIT, because PostgreSQL answers a COMMIT of a transaction that a
 * swallowed error left aborted by rolling everything back without an error: the release fails
 * instead, and only that write is rolled back. Throws, having rolled back, when the batch as a
 * whole fails (nothing written); resolves only after COMMIT.
 */
export async function runLockedUnits(db: Db, units: ((trx: Transaction<Database>) => Promise<unknown>)[]): Promise<UnitOutcome[]> {
  const outcomes: UnitOutcome[] = [];
  const trx = await db.startTransaction().execute();
  try {
    await sql.raw(`${LOCK_AND_ANNOUNCE}; ${UNIT}`).execute(trx);
    const locked = trx.withPlugin(HOLDS_WRITE_LOCK);
    for (const [index, unit] of units.entries()) {
      const last = index === units.length - 1;
      let outcome: UnitOutcome;
      try {
        outcome = { ok: true, value: await unit(locked) };
        // The release fails, and so the write does, if a swallowed error left the transaction aborted.
        await sql.raw(last ? `RELEASE ${UNIT}` : `RELEASE ${UNIT}; ${UNIT}`).execute(trx);
      } catch (error) {
        // Back to the state before this write; the savepoint stays, ready for the next one.
        await sql.raw(`ROLLBACK TO ${UNIT}`).execute(trx);
        outcome = { ok: false, error };
      }
      outcomes.push(outcome);
    }
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute().catch(() => undefined);
    throw error;
  }
  return outcomes;
}

/** Own commit: counted at once rather than when our own notification comes back. */
export function committed(db: Db): void {
  const handle = handles.get(db);
  if (handle) changed(handle);
}

function changed(handle: PostgresHandle): void {
  handle.version += 1;
  for (const listener of handle.listeners) listener();
}
