import type { FastifyReply } from 'fastify';

const encoded = new WeakMap<object, Buffer>();

/**
 * Sends `payload` as the route would (its own response serializer, `application/json`), but
 * serialises and encodes it only once per `key` object. For results a ReadCache shares between
 * requests, writing the same JSON again for every reader was half the CPU of a section read (plus
 * measuring its UTF-8 length for Content-Length). `key` must stay unchanged while it is reused.
 */
export function sendEncodedOnce(reply: FastifyReply, key: object, payload: unknown): FastifyReply {
  let body = encoded.get(key);
  if (body === undefined) {
    body = Buffer.from(reply.serialize(payload) as string); // a schema serializer returns a string
    encoded.set(key, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
