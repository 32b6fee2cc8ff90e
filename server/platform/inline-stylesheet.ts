import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="\/assets\/([^"/]+\.css)"[^>]*>/;
/** Hashed file names never change content, so each is read and hashed once. */
const stylesheets = new Map<string, { css: string; source: string }>();

/**
 * Puts the page's stylesheet (a few KB) into the page itself, so the first paint waits for no
 * other request, and lets exactly that style through the Content-Security-Policy by its hash.
 */
export function sendWithInlineStylesheet(reply: FastifyReply, html: string, clientDir: string): string {
  const link = STYLESHEET_LINK.exec(html);
  if (!link) return html;
  const file = link[1]!;
  let stylesheet = stylesheets.get(file);
  if (!stylesheet) {
    const css = fs.readFileSync(path.join(clientDir, 'assets', file), 'utf8');
    stylesheet = { css, source: `'sha256-${crypto.createHash('sha256').update(css).digest('base64')}'` };
    stylesheets.set(file, stylesheet);
  }
  const policy = String(reply.getHeader('content-security-policy') ?? '');
  reply.header('content-security-policy', policy.replace("style-src 'self'", `style-src 'self' ${stylesheet.source}`));
  const { css } = stylesheet;
  return html.replace(link[0], () => `<style>${css}</style>`);
}
