import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type ValidatorFactory = NonNullable<CompilersFactory['buildValidator']>;
type SerializerFactory = NonNullable<CompilersFactory['buildSerializer']>;

/**
 * Fastify's own compilers (ajv with the app's `ajv` options, fast-json-stringify), shared by every
 * app this process builds: a route schema with the same content is compiled once per process, not
 * once per app. Compiling the ~150 routes' schemas was most of an app's start (~0.3 s of ~0.4 s),
 * paid by every test; a second instance in one process (tests, benchmarks) now starts in
 * milliseconds. The compiled functions are pure, so sharing them changes nothing a request sees.
 * (Fastify skips its header-schema lower-casing for custom compilers; no route has a header schema.)
 */
export const sharedSchemaCompilers: CompilersFactory = {
  buildValidator: shareCompiled(AjvCompiler() as ValidatorFactory),
  buildSerializer: shareCompiled(SerializerSelector() as SerializerFactory),
};

/** `factory`, with each compiled function cached by the factory's arguments and the route schema's JSON. */
function shareCompiled<Args extends unknown[], Route extends { schema?: unknown }, Compiled>(
  factory: (...args: Args) => (route: Route) => Compiled,
): (...args: Args) => (route: Route) => Compiled {
  const caches = new Map<string, Map<string, Compiled>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let cache = caches.get(key);
    if (!cache) caches.set(key, (cache = new Map()));
    const compile = factory(...args);
    const compiled = cache;
    return (route) => {
      const schemaKey = JSON.stringify(route.schema);
      let fn = compiled.get(schemaKey);
      if (fn === undefined) compiled.set(schemaKey, (fn = compile(route)));
      return fn;
    };
  };
}
