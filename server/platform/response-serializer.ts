import type { FastifyInstance } from 'fastify';
import fastJson from 'fast-json-stringify';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNull = (branch: unknown): boolean => isSchema(branch) && branch.type === 'null' && Object.keys(branch).length === 1;
const isStringLiteral = (branch: unknown): branch is Schema & { const: string } =>
  isSchema(branch) && branch.type === 'string' && typeof branch.const === 'string';

/**
 * fast-json-stringify writes an `anyOf` by validating the value against each branch with Ajv until
 * one matches. TypeBox's `Union([Literal…])` (kinds, statuses) and `Union([X, Null])` (author,
 * anchor, parentId…) are full of them: a page of 60 comments ran ~600 validations, and
 * serialising it cost more than reading it from SQLite. Both shapes have an equivalent that needs
 * no validation and writes the same JSON for every value the schema admits — a string with an
 * `enum` (which the serialiser does not check, so a bad kind is no longer a 500), and
 * `nullable: true`. Only the serialiser's copy changes; the routes' schemas (OpenAPI, request
 * validation) do not. Any other `anyOf` is kept as it is.
 */
export function simplifyForSerialization(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplifyForSerialization);
  if (!isSchema(schema)) return schema;
  const simplified: Schema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, simplifyForSerialization(value)]));
  const { anyOf, ...siblings } = simplified;
  if (!Array.isArray(anyOf)) return simplified;
  if (anyOf.length > 0 && anyOf.every(isStringLiteral)) return { ...siblings, type: 'string', enum: anyOf.map((branch) => branch.const) };
  const [first, second] = anyOf;
  const other = isNull(second) ? first : isNull(first) ? second : undefined;
  if (anyOf.length === 2 && isSchema(other) && typeof other.type === 'string' && other.anyOf === undefined && other.nullable === undefined) {
    return { ...siblings, ...other, nullable: true };
  }
  return simplified;
}

/** Every route's response schema is compiled from its simplified copy. */
export function registerResponseSerializer(app: FastifyInstance): void {
  app.setSerializerCompiler(({ schema }) => fastJson(simplifyForSerialization(schema) as Parameters<typeof fastJson>[0]));
}
