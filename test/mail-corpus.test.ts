import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeInbound } from '../src/mail/inbound/store-inbound.js';
import { FakeClock, HOUR_MS } from '../src/platform/clock.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { corpusMessages, SHARED_SKIP_REASON, sharedFixturesPresent } from './helpers/shared-fixtures.js';

// Real-world mail from mature mail software's test suites, and a fuzzed mutation of it: the desk
// never crashes and never loses a message — each one is ticketed, or ignored, rejected or
// quarantined with its reason.

let desk: TestDesk;
const clock = new FakeClock('2026-11-27T09:00:00Z');
beforeAll(async () => {
  desk = await createTestDesk({ clock, env: { SUPPORT_ADDRESS: 'support@desk.example', MAIL_ACKNOWLEDGE: 'false' } });
});
afterAll(async () => {
  await desk?.close();
});

async function ingest(messages: [string, Buffer][]) {
  const ids = new Map<number, string>();
  const refused: string[] = [];
  for (const [name, raw] of messages) {
    try {
      const stored = await storeInbound(desk.deps, raw, { source: 'cli' });
      ids.set(stored.id, name);
    } catch (err) {
      refused.push(`${name}: ${(err as Error).message}`);
    }
  }
  const worker = desk.runtime.createWorker();
  for (let round = 0; round < 8; round++) {
    await worker.drain();
    clock.advance(HOUR_MS); // lets retries with backoff come due
  }
  const rows = (await desk.as(desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound?limit=200' })).json();
  const all: { id: number; state: string; reason: string | null }[] = [...rows.items];
  for (let before = rows.nextBefore; before; ) {
    const page = (
      await desk.as(desk.adminToken, { method: 'GET', url: `/api/v1/mail/inbound?limit=200&before=${before}` })
    ).json();
    all.push(...page.items);
    before = page.nextBefore;
  }
  return { outcomes: all.filter((r) => ids.has(r.id)).map((r) => ({ ...r, name: ids.get(r.id) as string })), refused };
}

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function mutate(raw: Buffer, random: () => number): Buffer {
  const bytes = Buffer.from(raw);
  const kind = Math.floor(random() * 5);
  if (kind === 0) {
    for (let i = 0; i < 1 + bytes.length / 200; i++)
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    return bytes;
  }
  if (kind === 1) return bytes.subarray(0, Math.floor(bytes.length * random())); // truncated in transit
  const text = bytes.toString('latin1');
  if (kind === 2) return Buffer.from(text.replace(/boundary="?([^";\r\n]+)"?/i, 'boundary="broken-$1'), 'latin1');
  if (kind === 3) {
    const end = text.search(/\r?\n\r?\n/);
    const head = text.slice(0, Math.max(0, end));
    return Buffer.from(`${head}\n${head}${text.slice(Math.max(0, end))}`, 'latin1'); // every header twice
  }
  return Buffer.from(text.replace(/\r?\n/g, random() < 0.5 ? '\r' : '\n\n'), 'latin1'); // mangled line ends
}

describe.skipIf(!sharedFixturesPresent)(
  `the mail corpus (${sharedFixturesPresent ? 'present' : SHARED_SKIP_REASON})`,
  () => {
    it('every message is stored and ends with a recorded outcome', async () => {
      const corpus = corpusMessages();
      expect(corpus.length).toBeGreaterThan(300);
      const { outcomes, refused } = await ingest(corpus);
      // messages that share a Message-ID (copies of one message in different tests) are stored once
      expect(outcomes.length + refused.length).toBeGreaterThan(300);
      const open = outcomes.filter((o) => o.state === 'received' || !o.reason);
      expect(open).toEqual([]);
      const tally: Record<string, number> = {};
      for (const o of outcomes) tally[o.state] = (tally[o.state] ?? 0) + 1;
      process.stderr.write(
        `corpus: ${Object.entries(tally)
          .map(([state, n]) => `${state} ${n}`)
          .join(', ')}; refused at the door ${refused.length}\n`,
      );
      expect(tally.processed).toBeGreaterThan(150);
      // nothing a person wrote is quarantined for our own failure
      const crashed = outcomes.filter((o) => o.state === 'quarantined' && !/no sender address/.test(o.reason ?? ''));
      expect(crashed.map((o) => `${o.name}: ${o.reason}`)).toEqual([]);
    }, 300_000);

    it('a fuzzed corpus crashes nothing and loses nothing', async () => {
      const random = prng(20261127);
      const corpus = corpusMessages().filter((_, i) => i % 3 === 0);
      const mutated = corpus.map(([name, raw]) => [`mutated ${name}`, mutate(raw, random)] as [string, Buffer]);
      const { outcomes, refused } = await ingest(mutated);
      expect(outcomes.length + refused.length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.state === 'received')).toEqual([]);
      expect(outcomes.every((o) => o.reason)).toBe(true);
      // broken mail may be quarantined, but never because the desk itself broke on it
      const crashed = outcomes.filter(
        (o) =>
          o.state === 'quarantined' && /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/.test(o.reason ?? ''),
      );
      expect(crashed.map((o) => `${o.name}: ${o.reason}`)).toEqual([]);
      // what is refused at the door is refused with a reason the sender gets (not mail at all)
      expect(refused.every((r) => r.includes('not an email message'))).toBe(true);
    }, 300_000);
  },
);
