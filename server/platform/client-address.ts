import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * The address per-address limits count by: IPv6 per /64 (as @fastify/rate-limit's own key does:
 * one host owns a whole /64). `request.ip` is undefined under injectWS; that must not fail a request.
 */
export function clientAddress(request: Pick<FastifyRequest, 'ip'>): string {
  return request.ip ? normalizeIP(request.ip) : 'unknown';
}
