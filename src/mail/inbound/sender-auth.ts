import { BlockList, isIP } from 'node:net';
import type { Config } from '../../config.js';
import type { InboundMailRow } from '../mail-store.js';
import type { ParsedMail } from './parse-mail.js';

// Nothing in a mail header proves who sent it. This decides how far the From address can be
// believed, from SPF, DKIM and DMARC (mailauth), or from the Authentication-Results of a relay the
// operator trusts (TRUSTED_RELAYS):
//   pass  the From domain's owner vouches for the message (DMARC pass, or an aligned DKIM signature)
//   fail  the From domain publishes DMARC and this message fails it: the From is likely forged; or
//         the check could not be made (no or several From addresses, DNS too slow)
//   none  nothing either way (no DMARC record, no signature, or nothing could be checked)

export type SenderVerdict = 'pass' | 'fail' | 'none';

export interface SenderAuth {
  verdict: SenderVerdict;
  /** one line for the routing reason and the agent: what was checked and by whom */
  detail: string;
}

/** (name, rrtype) → records, as node:dns's resolve answers; tests put a stub here */
export type DnsResolver = (name: string, rrtype: string) => Promise<unknown>;

/** What the configuration leaves the sender checks unable to tell, said once at start. */
export function senderCheckGaps(config: Config, mailboxes: number): string[] {
  const { networks, authservIds } = config.trustedRelays;
  const gaps: string[] = [];
  if (networks.length > 0 && authservIds.length === 0) {
    gaps.push(
      "TRUSTED_RELAYS names relay addresses but no authserv-id: mail through them is checked by DKIM only, so a DMARC failure cannot be told; add the relay's authserv-id.",
    );
  }
  if (mailboxes > 0 && authservIds.length === 0) {
    gaps.push(
      "IMAP mailboxes are read, but TRUSTED_RELAYS names no authserv-id: their mail is checked by DKIM only, so a DMARC failure cannot be told; add the mailbox provider's (e.g. mx.google.com).",
    );
  }
  return gaps;
}

/** Whether the From may be believed for entitlement, paging and threading by non-secret signals. */
export function senderTrusted(auth: SenderAuth, policy: Config['senderVerification']): boolean {
  return policy === 'strict' ? auth.verdict === 'pass' : auth.verdict !== 'fail';
}

// a message with more signatures than this is not worth verifying (each costs a DNS lookup and a hash)
const MAX_DKIM_SIGNATURES = 5;
const CHECK_TIMEOUT_MS = 5_000;

export async function authenticateSender(
  context: { config: Config; resolver: DnsResolver },
  row: InboundMailRow,
  mail: ParsedMail,
): Promise<SenderAuth> {
  // a domain can vouch only for a message with one From address (DMARC's own rule); without one,
  // or with several, the desk would believe an address no domain checked
  if (mail.fromCount !== 1 || !mail.from) {
    return { verdict: 'fail', detail: mail.fromCount > 1 ? 'more than one From address' : 'no From address' };
  }
  const fromDomain = mail.from.address.split('@').pop() as string;
  const relays = context.config.trustedRelays;
  const fromRelay = row.source === 'smtp' && row.clientIp !== null && relayList(relays.networks).check(...ipOf(row));
  // a relay's (or the mailbox provider's) verdict counts only where the mail did not come straight
  // from the sender: over SMTP from anyone else, such a header is the sender's own invention
  if (row.source !== 'smtp' || fromRelay) {
    const stamped = relayVerdict(mail, relays.authservIds, fromDomain);
    if (stamped) return stamped;
  }
  const signatures = mail.headers.get('dkim-signature')?.length ?? 0;
  if (signatures > MAX_DKIM_SIGNATURES) {
    return { verdict: 'fail', detail: `${signatures} DKIM signatures; not checked` };
  }
  // SPF needs the client that handed the mail over; behind a relay or from a mailbox there is none
  const spfPossible = row.source === 'smtp' && row.clientIp !== null && !fromRelay;
  let timer: NodeJS.Timeout | undefined;
  try {
    // loaded when the first mail comes (half a second of start-up otherwise)
    const { authenticate } = await import('mailauth');
    const result = await Promise.race([
      authenticate(row.raw, {
        ...(spfPossible
          ? { ip: row.clientIp as string, helo: row.clientHelo ?? undefined, sender: row.envelopeFrom ?? '' }
          : {}),
        mta: context.config.supportAddress.split('@').pop() as string,
        resolver: context.resolver as never,
        disableArc: true,
        disableBimi: true,
        ...(spfPossible ? {} : { disableDmarc: true }),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    const aligned = result.dkim.results.find((r) => r.status.result === 'pass' && r.status.aligned);
    const dkim = aligned
      ? `dkim=pass (${aligned.signingDomain})`
      : `dkim=${result.dkim.results[0]?.status.result ?? 'none'}`;
    if (!spfPossible) {
      // without SPF a DMARC failure cannot be told from a sender who relies on SPF alone
      return aligned
        ? { verdict: 'pass', detail: `${dkim}; SPF not checked (no SMTP client)` }
        : { verdict: 'none', detail: `${dkim}; SPF not checked (no SMTP client)` };
    }
    const spf = `spf=${result.spf ? result.spf.status.result : 'none'}`;
    const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
    const policy = result.dmarc ? ` (p=${result.dmarc.policy || 'none'})` : '';
    const detail = `dmarc=${dmarc}${policy} header.from=${fromDomain}; ${dkim}; ${spf}`;
    if (dmarc === 'pass') return { verdict: 'pass', detail };
    // a DMARC record that could not be read is no vouching either (its domain's DNS may be slow on purpose)
    if (dmarc === 'fail' || dmarc === 'temperror') return { verdict: 'fail', detail };
    return { verdict: aligned ? 'pass' : 'none', detail };
  } catch (err) {
    // a check that did not finish vouches for nobody: its DNS is the sender's to make slow
    return {
      verdict: 'fail',
      detail: `the sender check did not finish (${err instanceof Error ? err.message : String(err)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function ipOf(row: InboundMailRow): [string, 'ipv4' | 'ipv6'] {
  const ip = (row.clientIp as string).replace(/^::ffff:(?=\d+\.)/, '');
  return [ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'];
}

const blockLists = new Map<string, BlockList>();
function relayList(networks: string[]): BlockList {
  const key = networks.join(',');
  let list = blockLists.get(key);
  if (!list) {
    list = new BlockList();
    for (const network of networks) {
      const [address, prefix] = network.split('/') as [string, string | undefined];
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    }
    blockLists.set(key, list);
  }
  return list;
}

/**
 * The DMARC verdict of the topmost Authentication-Results header stamped by a trusted authserv-id
 * (RFC 8601). Only the topmost counts: a header further down may be the sender's own.
 */
export function relayVerdict(mail: ParsedMail, authservIds: string[], fromDomain: string): SenderAuth | undefined {
  if (authservIds.length === 0) return undefined;
  for (const value of mail.headers.get('authentication-results') ?? []) {
    const [head, ...results] = withoutComments(value).split(';');
    const authservId = head?.trim().split(/\s+/)[0]?.toLowerCase();
    if (!authservId || !authservIds.includes(authservId)) continue;
    const dmarc = results.map((r) => r.trim()).find((r) => /^dmarc\s*=/i.test(r));
    const verdict = /^dmarc\s*=\s*(\w+)/i.exec(dmarc ?? '')?.[1]?.toLowerCase();
    const headerFrom = /header\.from\s*=\s*([^\s;]+)/i.exec(dmarc ?? '')?.[1]?.toLowerCase();
    const about = headerFrom === undefined || headerFrom === fromDomain;
    const detail = `${authservId}: ${dmarc ? dmarc.replace(/\s+/g, ' ') : 'no DMARC result'}`;
    if (about && verdict === 'pass') return { verdict: 'pass', detail };
    if (about && verdict === 'fail') return { verdict: 'fail', detail };
    return { verdict: 'none', detail };
  }
  return undefined;
}

/** RFC 5322 comments removed, in one pass; an unclosed one runs to the end. */
function withoutComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const char of value.slice(0, 8192)) {
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}
