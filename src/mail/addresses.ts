import type { DeskSecret } from '../platform/desk-secret.js';

// Addresses and ids the desk mints, signed so that nobody can forge a way into someone else's ticket:
//   reply address   support+t123-1a2b3c4d5e@example.com   (a reply to it threads onto #123)
//   bounce address  support+b<outbound id>-<sig>@…          (the envelope sender, so a bounce names its mail)
//   Message-ID      <pf.t123.m456.<sig>@example.com>        (a reply's In-Reply-To finds #123)
//   ticket thread   <pf.t123.<sig>@example.com>             (in References of everything we send on #123)

export interface Address {
  address: string;
  name?: string | undefined;
}

export function splitAddress(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}

export class MailAddresses {
  private readonly bases: { local: string; domain: string }[];

  constructor(
    private readonly secret: DeskSecret,
    supportAddresses: string[],
  ) {
    this.bases = supportAddresses.flatMap((a) => splitAddress(a) ?? []);
  }

  private get primary() {
    return this.bases[0] as { local: string; domain: string };
  }

  get domain(): string {
    return this.primary.domain;
  }

  /** one of our addresses, with or without a +tag */
  isOurs(address: string): boolean {
    const parts = splitAddress(address);
    if (!parts) return false;
    const local = parts.local.split('+')[0];
    return this.bases.some((b) => b.domain === parts.domain && b.local === local);
  }

  replyAddress(ticketId: number): string {
    return `${this.primary.local}+t${ticketId}-${this.secret.sign(`reply:${ticketId}`)}@${this.primary.domain}`;
  }

  /** the ticket a reply address names, if its signature is ours */
  ticketFromAddress(address: string): number | undefined {
    const parts = splitAddress(address);
    if (!parts || !this.isOurs(address)) return undefined;
    const match = /\+t(\d{1,15})-([0-9a-f]{10})$/.exec(parts.local);
    if (!match) return undefined;
    const ticketId = Number(match[1]);
    return this.secret.verify(`reply:${ticketId}`, match[2] as string) ? ticketId : undefined;
  }

  bounceAddress(outboundId: string): string {
    const id = outboundId.replace(/-/g, '');
    return `${this.primary.local}+b${id}-${this.secret.sign(`bounce:${id}`)}@${this.primary.domain}`;
  }

  /** the outbound mail a bounce address names, as a uuid */
  outboundFromBounceAddress(address: string): string | undefined {
    const parts = splitAddress(address);
    if (!parts || !this.isOurs(address)) return undefined;
    const match = /\+b([0-9a-f]{32})-([0-9a-f]{10})$/.exec(parts.local);
    if (!match || !this.secret.verify(`bounce:${match[1]}`, match[2] as string)) return undefined;
    const h = match[1] as string;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  messageId(ticketId: number, messageId: number | string): string {
    return `<pf.t${ticketId}.m${messageId}.${this.secret.sign(`mid:${ticketId}:${messageId}`)}@${this.primary.domain}>`;
  }

  ticketThreadId(ticketId: number): string {
    return `<pf.t${ticketId}.${this.secret.sign(`thread:${ticketId}`)}@${this.primary.domain}>`;
  }

  /** the ticket one of our Message-IDs (or ticket thread ids) names, if the signature is ours */
  ticketFromMessageId(id: string): number | undefined {
    const message = /^<pf\.t(\d{1,15})\.m([\w-]{1,40})\.([0-9a-f]{10})@[^>]+>$/i.exec(id);
    if (message) {
      const ticketId = Number(message[1]);
      return this.secret.verify(`mid:${ticketId}:${message[2]}`, message[3] as string) ? ticketId : undefined;
    }
    const thread = /^<pf\.t(\d{1,15})\.([0-9a-f]{10})@[^>]+>$/i.exec(id);
    if (thread) {
      const ticketId = Number(thread[1]);
      return this.secret.verify(`thread:${ticketId}`, thread[2] as string) ? ticketId : undefined;
    }
    return undefined;
  }
}
