import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it is sent; `failNext` makes it refuse temporarily. */
export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  failNext: number;
  /** awaited before a message is accepted: what happens between delivery and the sender hearing of it */
  beforeAccept?: () => Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** `port`: a given one (a test that starts the sink where the desk already sends), else any free one. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    received: [],
    failNext: 0,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return sink.received;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // the desk's pooled connections stay open while idle: closing waits for them at most this long
    // (the default, 30 s, was most of the time of every test file that sends mail)
    closeTimeout: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (sink.failNext > 0) {
          sink.failNext--;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          callback(err);
          return;
        }
        sink.received.push(await simpleParser(Buffer.concat(chunks)));
        await sink.beforeAccept?.();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.server.address() as { port: number };
  sink.url = `smtp://127.0.0.1:${address.port}`;
  return sink;
}
