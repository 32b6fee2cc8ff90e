import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from './client-address';
import type { App } from './fastify';
import { HttpError } from './errors';

/** Security headers (a CSP with no inline script) and a per-IP ceiling on requests. */
export async function registerSecurity(app: App): Promise<void> {
  // Built once and applied to every response. (@fastify/helmet rebuilt the middleware, parsing
  // every CSP directive, on every request: 15% of a cached section read's CPU.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Lit adopts constructed stylesheets; style attributes from sanitised Markdown are not allowed anyway.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));

  await app.register(rateLimit, {
    global: true,
    max: app.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: clientAddress,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(429, 'rate_limited', `Too many requests. Try again in ${seconds} seconds.`, undefined, { retryAfter: seconds });
    },
  });
}

/** Websocket upgrades are accepted only from the site's own pages (browsers always send Origin). */
export function isAllowedOrigin(app: App, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === app.config.siteOrigin) return true;
  // A page from the host the request was sent to is same-origin; a browser on another site
  // cannot make its Origin match our Host.
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
