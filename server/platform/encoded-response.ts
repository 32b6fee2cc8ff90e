import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

type Encoding = 'identity' | 'br' | 'gzip';

const encoded = new WeakMap<object, Partial<Record<Encoding, Buffer>>>();

/** Smaller bodies gain less from compression than it costs the browser to undo it. */
const COMPRESS_FROM_BYTES = 1024;

const COMPRESS: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Buffer> = {
  // Quality 5: most of brotli's gain at a fraction of the CPU of its maximum; done once per result.
  br: (body) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body) => zlib.gzipSync(body),
};

function acceptedEncoding(request: FastifyRequest): Encoding {
  const accepted = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return 'identity';
}

/**
 * Sends `payload` as the route would (its own response serializer, `application/json`), but
 * serialises and encodes it only once per `key` object — and compresses it once per encoding the
 * browsers ask for. For results a ReadCache shares between requests, writing the same JSON again
 * for every reader was half the CPU of a section read. `key` must stay unchanged while it is reused.
 */
export function sendEncodedOnce(reply: FastifyReply, key: object, payload: unknown): FastifyReply {
  let bodies = encoded.get(key);
  if (bodies === undefined) {
    bodies = { identity: Buffer.from(reply.serialize(payload) as string) }; // a schema serializer returns a string
    encoded.set(key, bodies);
  }
  const identity = bodies.identity!;
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = identity.length < COMPRESS_FROM_BYTES ? 'identity' : acceptedEncoding(reply.request);
  if (encoding === 'identity') return reply.send(identity);
  bodies[encoding] ??= COMPRESS[encoding](identity);
  return reply.header('content-encoding', encoding).send(bodies[encoding]);
}

/** Sends a body made for this request only, compressed for browsers that accept it. */
export function sendCompressed(reply: FastifyReply, type: string, body: string): FastifyReply {
  const identity = Buffer.from(body);
  const vary = reply.getHeader('vary');
  reply.type(type).header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
  const encoding = identity.length < COMPRESS_FROM_BYTES ? 'identity' : acceptedEncoding(reply.request);
  if (encoding === 'identity') return reply.send(identity);
  return reply.header('content-encoding', encoding).send(COMPRESS[encoding](identity));
}
