import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';
import { LruCache } from '../platform/lru-cache';

/**
 * Kysely builds a query's operation tree and compiles it to SQL on every call: about 15% of a
 * comment write's CPU went there, for the same dozen statements each time. `prepared(build)`
 * builds and compiles a query once per shape of its arguments and dialect, with placeholders
 * standing for the arguments, and afterwards only puts each call's values into the parameters.
 *
 * The shape of an argument is what the SQL depends on: undefined, null, a scalar, an array (its
 * length: an `in` list, rows of an insert) or a record (its defined keys: the columns of an
 * insert or update), nested one level. `build` may branch on undefined and null, never on a value:
 * a placeholder stands for every scalar while it runs.
 */
export function prepared<K extends Kysely<any>, A extends readonly unknown[], O>(build: (db: K, ...args: A) => Compilable<O>): (db: K, ...args: A) => Promise<O[]> {
  const templates = new LruCache<string, CompiledQuery<O>>(TEMPLATES_PER_QUERY);
  return async (db, ...args) => {
    const key = `${db.getExecutor().adapter.constructor.name}|${args.map((arg) => shapeOf(arg)).join('|')}`;
    const template = templates.getOrCreate(key, () => compileTemplate(db, build, args));
    const parameters = template.parameters.map((parameter) => (parameter instanceof Placeholder ? parameter.valueIn(args) : parameter));
    const result = await db.executeQuery<O>({ ...template, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

/** Shapes kept per query: a batch job's last, shorter slice of rows is a shape of its own. */
const TEMPLATES_PER_QUERY = 32;

/** Stands for the value at `path` in the arguments while a template is built. */
class Placeholder {
  constructor(private readonly path: readonly (number | string)[]) {}

  valueIn(args: readonly unknown[]): unknown {
    let value: unknown = args;
    for (const step of this.path) value = (value as Record<string | number, unknown>)[step];
    return value;
  }

  toString(): string {
    return `argument ${this.path.join('.')}`;
  }
}

/** A record whose keys shape the SQL (the columns of an insert or update), not a value bound whole. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);
}

/** A record's entries that reach the SQL: an undefined member is left out, as Kysely leaves it out. */
const definedEntries = (record: Record<string, unknown>) => Object.entries(record).filter(([, v]) => v !== undefined);

function shapeOf(value: unknown, depth = 0): string {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  if (Array.isArray(value)) return depth > 0 ? 'x' : `[${value.map((item) => shapeOf(item, 1)).join(',')}]`;
  if (isRecord(value)) return depth > 1 ? 'x' : `{${definedEntries(value).map(([k, v]) => `${k}:${shapeOf(v, depth + 1)}`).join(',')}}`;
  return 's';
}

/** The same value with a placeholder in place of every scalar (see `shapeOf` for what stays), each also put in `made`. */
function placeholders(value: unknown, path: readonly (number | string)[], made: Placeholder[]): unknown {
  if (value === undefined || value === null) return value;
  if (Array.isArray(value)) return value.map((item, i) => placeholders(item, [...path, i], made));
  if (isRecord(value)) return Object.fromEntries(definedEntries(value).map(([k, v]) => [k, placeholders(v, [...path, k], made)]));
  const placeholder = new Placeholder(path);
  made.push(placeholder);
  return placeholder;
}

function compileTemplate<K extends Kysely<any>, A extends readonly unknown[], O>(db: K, build: (db: K, ...args: A) => Compilable<O>, args: A): CompiledQuery<O> {
  const made: Placeholder[] = [];
  const standIns = args.map((arg, i) => placeholders(arg, [i], made)) as unknown as A;
  const compiled = build(db, ...standIns).compile();
  const bound = new Set(compiled.parameters.filter((p) => p instanceof Placeholder).map(String));
  const unbound = made.filter((p) => !bound.has(String(p)));
  // A placeholder that is not a parameter was read as a value while building (a branch on it, or inlined in the SQL).
  if (unbound.length > 0) throw new Error(`prepared query: ${unbound.join(', ')} is not a parameter of ${compiled.sql}`);
  return compiled;
}
