import type { Deps } from '../deps.js';
import { findAgentsByIds } from '../people/index.js';
import { findCallTypesByIds } from './call-store.js';
import { joinUrl } from './offers.js';
import type { CallRow } from './tables.js';

export async function presentCalls(deps: Deps, rows: CallRow[], options: { forCustomer?: boolean } = {}) {
  // one query each for the hosts and the types, however many calls (a week's list holds hundreds)
  const typeIds = [...new Set(rows.flatMap((r) => (r.callTypeId ? [r.callTypeId] : [])))];
  const [hosts, typeRows] = await Promise.all([
    findAgentsByIds(deps.db, [...new Set(rows.map((r) => r.agentId))]),
    findCallTypesByIds(deps.db, typeIds),
  ]);
  const agents = new Map(hosts.map((a) => [a.id, a]));
  const types = new Map(typeRows.map((t) => [t.id, t.name]));
  return rows.map((row) => {
    const agent = agents.get(row.agentId);
    return {
      id: row.id,
      ticket: row.ticketId,
      type: row.callTypeId ? { id: row.callTypeId, name: types.get(row.callTypeId) ?? '' } : null,
      start: row.startsAt.toISOString(),
      end: row.endsAt.toISOString(),
      status: row.status,
      // customers learn their engineer's name; staff addresses stay inside
      agent: { email: options.forCustomer ? '' : (agent?.email ?? ''), name: agent?.name ?? '' },
      // customers reach the room through their join link, which tells the desk they came
      videoUrl: row.videoUrl ? (options.forCustomer ? joinUrl(deps, row.id, 'customer') : row.videoUrl) : null,
      customerEmail: row.customerEmail,
      customerZone: row.customerZone,
      emergency: row.emergency,
      customerJoinedAt: row.customerJoinedAt?.toISOString() ?? null,
      outcomeAt: row.outcomeAt?.toISOString() ?? null,
      outcomeNotes: options.forCustomer ? null : row.outcomeNotes,
    };
  });
}

export type CallView = Awaited<ReturnType<typeof presentCalls>>[number];

export async function presentCall(
  deps: Deps,
  row: CallRow,
  options: { forCustomer?: boolean } = {},
): Promise<CallView> {
  return (await presentCalls(deps, [row], options))[0] as CallView;
}
