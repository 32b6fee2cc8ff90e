import type { BrowserApp } from './browser';

/**
 * The link to `path` (such as `/verify-email`) in the newest email queued to `address`, pointed at
 * the browser suite's server: what the outbox sends over SMTP, or writes as an .eml file.
 */
export async function linkMailedTo(web: BrowserApp, address: string, path: string): Promise<string> {
  const mail = await web.app.db.selectFrom('outbox').select('text_body').where('to_address', '=', address).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const origin = web.app.config.siteOrigin;
  const link = mail.text_body.match(new RegExp(`${origin.replace(/[.]/g, '\\.')}${path}\\S*`))?.[0];
  if (!link) throw new Error(`no link to ${path} in: ${mail.text_body}`);
  return `${web.url}${link.slice(origin.length)}`;
}
