import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { readSetting, writeSetting } from '../platform/settings-store.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../tickets/status-rules.js';

// The customer says how bad it is (a severity, with the definitions in front of them); the desk
// says how fast it answers (the priority). Admins keep the table between the two in desk_settings.

export interface SeverityLevel {
  level: 1 | 2 | 3 | 4;
  name: string;
  definition: string;
  priority: TicketPriority;
}

const KEY = 'portal.severities';

export const DEFAULT_SEVERITIES: SeverityLevel[] = [
  {
    level: 1,
    name: 'Severity 1',
    definition: 'Production down: the product is unusable for your users and there is no workaround.',
    priority: 'urgent',
  },
  {
    level: 2,
    name: 'Severity 2',
    definition: 'Severely degraded: a major feature fails or is very slow; any workaround cannot last.',
    priority: 'high',
  },
  {
    level: 3,
    name: 'Severity 3',
    definition: 'Partly degraded: something misbehaves but you can work, or a workaround holds.',
    priority: 'normal',
  },
  {
    level: 4,
    name: 'Severity 4',
    definition: 'A question, a documentation gap or a feature request; production is not affected.',
    priority: 'low',
  },
];

export async function readSeverities(db: Db): Promise<SeverityLevel[]> {
  const stored = await readSetting(db, KEY);
  return stored ? (JSON.parse(stored) as SeverityLevel[]) : DEFAULT_SEVERITIES;
}

export async function priorityOfSeverity(db: Db, level: number): Promise<TicketPriority> {
  const found = (await readSeverities(db)).find((s) => s.level === level);
  if (!found) throw new AppError('VALIDATION_FAILED', `severity must be 1, 2, 3 or 4; got ${level}.`);
  return found.priority;
}

/** The severities as the portal shows them: a contact need not see the priority behind each. */
export async function listSeverities(deps: Deps, actor: Actor) {
  const levels = await readSeverities(deps.db);
  return actor.kind === 'contact' ? levels.map(({ priority: _p, ...rest }) => rest) : levels;
}

/** Replaces the table (admin): all four levels, each with a name, a definition and a priority. */
export async function setSeverities(deps: Deps, actor: Actor, levels: SeverityLevel[]) {
  requireAgent(actor, 'admin');
  const sorted = [...levels].sort((a, b) => a.level - b.level);
  if (sorted.map((l) => l.level).join() !== '1,2,3,4')
    throw new AppError('VALIDATION_FAILED', 'Give each of the severities 1, 2, 3 and 4 once.');
  if (sorted.some((l) => !TICKET_PRIORITIES.includes(l.priority)))
    throw new AppError('VALIDATION_FAILED', `priority must be one of ${TICKET_PRIORITIES.join(', ')}.`);
  const clean = sorted.map((l) => ({
    level: l.level,
    name: l.name.trim(),
    definition: l.definition.trim(),
    priority: l.priority,
  }));
  return inTransaction(deps, async (tx) => {
    const before = await readSeverities(tx.db);
    await writeSetting(tx.db, KEY, JSON.stringify(clean));
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'portal.severities-changed',
      entityType: 'desk',
      entityId: KEY,
      data: { from: before, to: clean },
    });
    return clean;
  });
}
