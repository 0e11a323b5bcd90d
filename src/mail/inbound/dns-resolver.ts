import { promises as dns } from 'node:dns';
import type { DnsResolver } from './sender-auth.js';

// Sender checks ask DNS for the same few records again and again (a customer's DKIM key, their
// domain's DMARC and SPF). Answers, and "no such record", are kept for a few minutes.

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

export function createDnsResolver(): DnsResolver {
  const resolver = new dns.Resolver({ timeout: 1_500, tries: 1 });
  const cache = new Map<string, { until: number; answer: Promise<unknown> }>();
  return (name, rrtype) => {
    const key = `${rrtype}:${name.toLowerCase()}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.answer;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    const answer = resolver.resolve(name, rrtype as 'TXT');
    // a passing failure (timeout, SERVFAIL) is not remembered; a definite "no record" is
    answer.catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOTFOUND' && err.code !== 'ENODATA') cache.delete(key);
    });
    cache.set(key, { until: now + TTL_MS, answer });
    return answer;
  };
}

/** A resolver that knows no records: every sender is unverifiable (tests, and desks told not to ask). */
export const noDns: DnsResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
