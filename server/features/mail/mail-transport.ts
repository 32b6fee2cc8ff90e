import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

/** Delivers one message or throws; `where` says where it went (for the log). */
export type DeliverMail = (message: Mail.Options) => Promise<{ where: string }>;

/**
 * With an SMTP URL, nodemailer's SMTP transport. Without one (the embedded default), nodemailer
 * builds the same message and it is written as an `.eml` file, its path logged, so a fresh install
 * needs no mail server and an operator can still open every message.
 */
export function createMailTransport(options: { smtpUrl: string | null; outboxDir: string; log: FastifyBaseLogger }): { deliver: DeliverMail; close(): void } {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      deliver: async (message) => {
        const info = await transport.sendMail(message);
        return { where: `SMTP (${info.response})` };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let count = 0;
  return {
    deliver: async (message) => {
      const info = await transport.sendMail(message);
      await mkdir(options.outboxDir, { recursive: true });
      count += 1;
      const file = path.join(options.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${count}.eml`);
      await writeFile(file, info.message as Buffer);
      options.log.info({ file, to: message.to }, 'email written to the outbox folder (no SMTP_URL set)');
      return { where: file };
    },
    close: () => transport.close(),
  };
}
