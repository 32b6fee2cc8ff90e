import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { App } from '../../server/platform/fastify';

/** A real SMTP server in the test process; every message it accepts is parsed and kept. */
export interface TestMailServer {
  readonly url: string;
  readonly messages: ParsedMail[];
  /** Whether the next deliveries are refused (a mail server that is down or rejecting). */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startMailServer(): Promise<TestMailServer> {
  const messages: ParsedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (state.refuse) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends what the outbox holds now and returns the messages to `address` received so far. */
export async function mailTo(app: App, server: TestMailServer, address: string): Promise<ParsedMail[]> {
  await app.mailSender.flush();
  return server.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === address));
}

/** The first link to this site in a message's text. */
export function linkIn(mail: ParsedMail, app: App): URL {
  const match = (mail.text ?? '').match(new RegExp(`${app.config.siteOrigin.replace(/[.]/g, '\\.')}/\\S+`));
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return new URL(match[0]);
}

/** A header's value as sent (mailparser folds List-* headers into an object of its own). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}
