import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import type { TicketPriority } from '../tickets/status-rules.js';
import type { Targets } from './clock-rules.js';
import { listPolicyRows, type PolicyRow, replacePolicyRows } from './sla-store.js';

// SLA policies by priority and organization plan. The most specific policy wins: priority and
// plan, then priority alone, then plan alone, then the catch-all. Read on every ticket opened, so
// each process keeps them a few seconds.

const TTL_MS = 5_000;
const cache = new WeakMap<object, { at: number; rows: PolicyRow[] }>();

export async function loadPolicies(deps: Deps): Promise<PolicyRow[]> {
  const hit = cache.get(deps.secret);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  const rows = await listPolicyRows(deps.db);
  cache.set(deps.secret, { at: Date.now(), rows });
  return rows;
}

export function pickPolicy(rows: PolicyRow[], priority: TicketPriority, plan: string | null): PolicyRow | undefined {
  const score = (p: PolicyRow) =>
    (p.priority === null || p.priority === priority) && (p.plan === null || p.plan === plan)
      ? (p.priority !== null ? 2 : 0) + (p.plan !== null ? 1 : 0)
      : -1;
  let best: PolicyRow | undefined;
  for (const row of rows) if (score(row) >= 0 && (!best || score(row) > score(best))) best = row;
  return best;
}

export function targetsOf(policy: PolicyRow | undefined): Targets {
  return {
    firstReply: policy?.firstReplyMinutes ?? null,
    nextReply: policy?.nextReplyMinutes ?? null,
    periodicUpdate: policy?.periodicUpdateMinutes ?? null,
    resolution: policy?.resolutionMinutes ?? null,
    businessHours: policy?.businessHours ?? true,
    pauseOnHold: policy?.pauseOnHold ?? false,
  };
}

export function presentPolicy(row: PolicyRow) {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    plan: row.plan,
    firstReplyMinutes: row.firstReplyMinutes,
    nextReplyMinutes: row.nextReplyMinutes,
    periodicUpdateMinutes: row.periodicUpdateMinutes,
    resolutionMinutes: row.resolutionMinutes,
    businessHours: row.businessHours,
    pauseOnHold: row.pauseOnHold,
  };
}

export async function listPolicies(deps: Deps, actor: Actor) {
  requireAgent(actor);
  return { items: (await listPolicyRows(deps.db)).map(presentPolicy) };
}

export interface PolicyInput {
  name: string;
  priority?: TicketPriority | null;
  plan?: string | null;
  firstReplyMinutes?: number | null;
  nextReplyMinutes?: number | null;
  periodicUpdateMinutes?: number | null;
  resolutionMinutes?: number | null;
  businessHours?: boolean;
  pauseOnHold?: boolean;
}

/** Replaces every policy (admin). New targets apply to clocks started from now on. */
export async function replacePolicies(deps: Deps, actor: Actor, input: PolicyInput[]) {
  requireAgent(actor, 'admin');
  const keys = new Set<string>();
  for (const p of input) {
    const key = `${p.priority ?? '*'}/${p.plan ?? '*'}`;
    if (keys.has(key))
      throw new AppError(
        'VALIDATION_FAILED',
        `Two policies cover priority ${p.priority ?? 'any'} and plan ${p.plan ?? 'any'}.`,
      );
    keys.add(key);
  }
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    await replacePolicyRows(
      tx.db,
      input.map((p) => ({
        name: p.name,
        priority: p.priority ?? null,
        plan: p.plan ?? null,
        firstReplyMinutes: p.firstReplyMinutes ?? null,
        nextReplyMinutes: p.nextReplyMinutes ?? null,
        periodicUpdateMinutes: p.periodicUpdateMinutes ?? null,
        resolutionMinutes: p.resolutionMinutes ?? null,
        businessHours: p.businessHours ?? true,
        pauseOnHold: p.pauseOnHold ?? false,
        createdAt: now,
      })),
    );
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'sla.policies-changed',
      entityType: 'sla',
      entityId: 'policies',
      data: { policies: input },
    });
  });
  cache.delete(deps.secret);
  return listPolicies(deps, actor);
}
