import { formatUtc } from '../platform/clock.js';
// Who gets a ticket, among the agents on shift now: those with the skills the ticket asks for, in
// the organization's preferred region when any are on shift, then the fewest open tickets (or the
// longest since their last ticket, for round robin). Pure, so every rule is a plain test.

export interface Candidate {
  id: string;
  email: string;
  name: string;
  region: string | null;
  skills: string[];
  openTickets: number;
  lastRoutedAt: Date | null;
}

export interface Need {
  /** skills the ticket asks for: its tags that are somebody's skill */
  skills: string[];
  preferredRegion: string | null;
}

export type RoutingMode = 'least-open' | 'round-robin';

export function chooseAgent(
  candidates: Candidate[],
  need: Need,
  mode: RoutingMode,
): { agent?: Candidate; reason: string } {
  if (candidates.length === 0) return { reason: 'nobody is on shift' };
  const reasons: string[] = [];
  let pool = candidates;
  if (need.skills.length > 0) {
    const skilled = pool.filter((c) => need.skills.every((s) => c.skills.includes(s)));
    if (skilled.length > 0) {
      pool = skilled;
      reasons.push(`has ${need.skills.join(', ')}`);
    } else reasons.push(`nobody on shift has ${need.skills.join(', ')}`);
  }
  if (need.preferredRegion) {
    const preferred = need.preferredRegion.toUpperCase();
    const local = pool.filter((c) => c.region?.toUpperCase() === preferred);
    if (local.length > 0) {
      pool = local;
      reasons.push(`in ${need.preferredRegion}, the organization's preferred region`);
    } else reasons.push(`nobody on shift in ${need.preferredRegion}`);
  }
  const since = (c: Candidate) => c.lastRoutedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const sorted = [...pool].sort(
    (a, b) =>
      (mode === 'least-open' ? a.openTickets - b.openTickets : 0) ||
      since(a) - since(b) ||
      a.email.localeCompare(b.email),
  );
  const agent = sorted[0] as Candidate;
  reasons.push(
    mode === 'least-open'
      ? `fewest open tickets on shift (${agent.openTickets})`
      : agent.lastRoutedAt
        ? `next in turn (last ticket ${formatUtc(agent.lastRoutedAt)})`
        : 'next in turn',
  );
  return {
    agent,
    reason: `${agent.name} is on shift${agent.region ? ` in ${agent.region}` : ''}: ${reasons.join('; ')}`,
  };
}

/** The skills a ticket asks for: its tags that are some agent's skill. */
export function neededSkills(tags: string[], known: Iterable<string>): string[] {
  const set = new Set(known);
  return tags.filter((t) => set.has(t));
}
