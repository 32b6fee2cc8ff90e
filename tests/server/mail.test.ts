import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { writeTransaction } from '../../server/db/write-transaction';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../server/features/mail/mail-sender';
import { queueMail } from '../../server/features/mail/mail.service';
import type { App } from '../../server/platform/fastify';
import { startMailServer, type TestMailServer } from '../helpers/mail';
import { testConfig } from '../helpers/test-app';

let app: App | undefined;
let smtp: TestMailServer | undefined;
afterEach(async () => {
  await app?.close();
  await smtp?.close();
  app = smtp = undefined;
});

const queue = (target: App, to: string) => writeTransaction(target.db, (trx) => queueMail(trx, { to, subject: 'Hello', text: 'Body text', headers: { 'X-Agora-Test': 'yes' } }));
const outboxRow = (target: App) => target.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();

describe('mail', () => {
  it('sends queued mail through SMTP_URL with its headers', async () => {
    smtp = await startMailServer();
    app = await buildApp(testConfig({ smtpUrl: smtp.url }));
    await queue(app, 'ann@example.org');
    await app.mailSender.flush();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toBe('Hello');
    expect(smtp.messages[0]!.text?.trim()).toBe('Body text');
    expect(smtp.messages[0]!.headers.get('x-agora-test')).toBe('yes');
    expect((await outboxRow(app)).sent_at).not.toBeNull();
  });

  it('keeps a message the server refuses, logs it and retries it later with growing delays', async () => {
    smtp = await startMailServer();
    smtp.refuse = true;
    const lines: string[] = [];
    const logStream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    app = await buildApp(testConfig({ smtpUrl: smtp.url, logLevel: 'warn' }), { logStream });
    await queue(app, 'ann@example.org');
    await app.mailSender.flush();
    const row = await outboxRow(app);
    expect(row).toMatchObject({ sent_at: null, failed_at: null, attempts: 1 });
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now() + 20_000);
    expect(lines.some((line) => line.includes('will retry') && line.includes('mailbox unavailable'))).toBe(true);
    // Due again (as if the delay had passed): the server is back and the message goes out.
    smtp.refuse = false;
    await app.db.updateTable('outbox').set({ next_attempt_at: new Date(0).toISOString() }).execute();
    await app.mailSender.flush();
    expect(smtp.messages).toHaveLength(1);
    expect((await outboxRow(app)).attempts).toBe(1);
  });

  it('backs off 30 s, doubling, up to six hours, and gives up only after many attempts', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(6 * 60 * 60 * 1000);
    expect(MAX_MAIL_ATTEMPTS).toBeGreaterThanOrEqual(10);
  });

  it('marks a message failed after the last attempt but keeps it', async () => {
    smtp = await startMailServer();
    smtp.refuse = true;
    app = await buildApp(testConfig({ smtpUrl: smtp.url }));
    await queue(app, 'ann@example.org');
    await app.db.updateTable('outbox').set({ attempts: MAX_MAIL_ATTEMPTS - 1 }).execute();
    await app.mailSender.flush();
    const row = await outboxRow(app);
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toContain('mailbox unavailable');
  });

  it('without SMTP_URL writes each message as an .eml file in the outbox folder and logs its path', async () => {
    const dir = path.join(testConfig().mailOutboxDir, `eml-${Date.now()}`);
    const lines: string[] = [];
    const logStream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    app = await buildApp(testConfig({ mailOutboxDir: dir, logLevel: 'info' }), { logStream });
    try {
      await queue(app, 'ann@example.org');
      await app.mailSender.flush();
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      const eml = await readFile(path.join(dir, files[0]!), 'utf8');
      expect(eml).toMatch(/^To: ann@example\.org\r$/m);
      expect(eml).toMatch(/^Subject: Hello\r$/m);
      expect(lines.some((line) => line.includes(path.join(dir, files[0]!)))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
