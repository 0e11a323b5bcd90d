import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { isDiskFull } from '../../platform/db.js';
import type { StoredInbound } from '../inbound/store-inbound.js';

export interface SmtpListenerOptions {
  port: number;
  host: string;
  maxBytes: number;
  /** connections held at once, in all and from one address */
  maxClients: number;
  maxClientsPerIp: number;
  /** whether we receive mail for this address */
  acceptsRecipient(address: string): boolean;
  /** commits the raw message; the 250 is sent only after it resolves */
  store(
    raw: Buffer,
    envelope: { from: string | undefined; to: string[]; clientIp: string; clientHelo: string | undefined },
  ): Promise<StoredInbound>;
  log: Logger;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const err: SmtpError = new Error(message);
  err.responseCode = code;
  return err;
}

/** One client: an IPv4 address, or an IPv6 /64 (what one host is usually given). */
export function clientOf(address: string): string {
  const v4 = address.replace(/^::ffff:(?=\d+\.)/i, '');
  if (isIP(v4) !== 6) return v4;
  const [head = '', tail] = v4.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(Math.max(0, 8 - front.length - back.length)).fill('0');
  const groups = [...front, ...zeros, ...back].map((g) => g.replace(/^0+(?=.)/, ''));
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The built-in SMTP listener. Unknown recipients are refused at RCPT (550), oversize mail at the
 * end of DATA (552), and the final 250 comes only after the raw bytes are committed; a storage
 * problem answers 451 so the sending server keeps the message and tries again. Connections are
 * bounded, in all and per client address (421: the sender tries again later).
 */
export async function startSmtpListener(
  options: SmtpListenerOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const perClient = new Map<string, number>();
  const counted = new Set<string>();
  const server = new SMTPServer({
    banner: 'Pipefitter support desk',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: options.maxClients,
    onConnect(session, callback) {
      const client = clientOf(session.remoteAddress);
      const held = perClient.get(client) ?? 0;
      if (held >= options.maxClientsPerIp) {
        callback(smtpError(421, '4.7.0 Too many connections from your address; try again later'));
        return;
      }
      perClient.set(client, held + 1);
      counted.add(session.id);
      callback();
    },
    onClose(session) {
      if (!counted.delete(session.id)) return;
      const client = clientOf(session.remoteAddress);
      const held = (perClient.get(client) ?? 1) - 1;
      if (held > 0) perClient.set(client, held);
      else perClient.delete(client);
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.acceptsRecipient(address.address)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > options.maxBytes) {
          callback(smtpError(552, `5.3.4 Message too big: the limit is ${Math.floor(options.maxBytes / 1048576)} MB`));
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        options
          .store(Buffer.concat(chunks), {
            from: from || undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            clientIp: session.remoteAddress,
            clientHelo: session.hostNameAppearsAs || undefined,
          })
          .then(
            (stored) => callback(null, `2.0.0 Stored as ${stored.id}${stored.duplicate ? ' (seen before)' : ''}`),
            (err: Error & { code?: string }) => {
              if (err.code === 'VALIDATION_FAILED') {
                callback(smtpError(554, `5.6.0 ${err.message}`));
                return;
              }
              // 452 "insufficient system storage": the sending server keeps the message and tries again later
              if (err.code === 'STORAGE_FULL' || isDiskFull(err)) {
                options.log.error({ err }, 'could not store inbound mail: the disk is full; the sender will retry');
                callback(smtpError(452, '4.3.1 Insufficient system storage; please try again later'));
                return;
              }
              options.log.error({ err }, 'could not store inbound mail; the sender will retry');
              callback(smtpError(451, '4.3.0 Temporary failure storing the message; please try again'));
            },
          );
      });
    },
  });
  server.on('error', (err) => options.log.warn({ err }, 'SMTP session error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
