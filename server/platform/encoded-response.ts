import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

type Encoding = 'identity' | 'br' | 'gzip';

const encoded = new WeakMap<object, Partial<Record<Encoding, Buffer>>>();
/** A shared JSON body without its closing brace, deflated up to a byte boundary (not final), for `sendEncodedWithOwn`. */
const gzipPrefixes = new WeakMap<object, { deflated: Buffer; crc: number; length: number }>();

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
  const bodies = encodedBodies(reply, key, payload);
  const identity = bodies.identity!;
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = identity.length < COMPRESS_FROM_BYTES ? 'identity' : acceptedEncoding(reply.request);
  if (encoding === 'identity') return reply.send(identity);
  bodies[encoding] ??= COMPRESS[encoding](identity);
  return reply.header('content-encoding', encoding).send(bodies[encoding]);
}

function encodedBodies(reply: FastifyReply, key: object, payload: unknown): Partial<Record<Encoding, Buffer>> {
  let bodies = encoded.get(key);
  if (bodies === undefined) {
    bodies = { identity: Buffer.from(reply.serialize(payload) as string) }; // a schema serializer returns a string
    encoded.set(key, bodies);
  }
  return bodies;
}

/** gzip's fixed header: deflate, no name or time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * Sends the shared `payload` (encoded once per `key`, as `sendEncodedOnce`) with `ownFields` —
 * JSON members such as `"mine":{…}` for this request alone — added before its closing brace, so a
 * reader's own part costs a splice rather than encoding the whole body again. Compressed, the
 * shared part is deflated once up to a flush point and each request deflates only its own fields
 * after it, in one gzip member (its CRC continued over the tail), so the body stays compressed too.
 */
export function sendEncodedWithOwn(reply: FastifyReply, key: object, payload: unknown, ownFields: string): FastifyReply {
  const shared = encodedBodies(reply, key, payload).identity!;
  const tail = Buffer.from(`,${ownFields}}`);
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const gzip = shared.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(reply.request.headers['accept-encoding'] ?? '');
  if (!gzip) return reply.send(Buffer.concat([shared.subarray(0, -1), tail]));
  let prefix = gzipPrefixes.get(key);
  if (!prefix) {
    const open = shared.subarray(0, -1);
    prefix = { deflated: zlib.deflateRawSync(open, { finishFlush: zlib.constants.Z_SYNC_FLUSH }), crc: zlib.crc32(open), length: open.length };
    gzipPrefixes.set(key, prefix);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(tail, prefix.crc), 0);
  trailer.writeUInt32LE((prefix.length + tail.length) % 2 ** 32, 4);
  return reply.header('content-encoding', 'gzip').send(Buffer.concat([GZIP_HEADER, prefix.deflated, zlib.deflateRawSync(tail), trailer]));
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
