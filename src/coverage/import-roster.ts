import { parse as parseCsv } from 'csv-parse/sync';
import { IANAZone } from 'luxon';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import {
  type AgentRow,
  assertMayChangeAgent,
  createAgent,
  findAgentByEmail,
  updateAgent,
  updateAgentRow,
} from '../people/index.js';
import { AppError } from '../platform/errors.js';
import { checkCountry, checkDateRange, checkHours, forgetRoster, normalizeSkills } from './roster.js';
import { deleteTimeOffOfAgent, insertTimeOff } from './roster-store.js';
import { formatWeeklyHours, WEEKDAYS } from './weekly-hours.js';

// `pipefitter roster import FILE` and POST /api/v1/roster: a whole roster in one go. Every entry is
// checked first and each problem reported with its line (files) or entry number (JSON); only a
// roster without problems is written, in one transaction. What the caller may change is people's
// one rule (assertMayChangeAgent): a lead keeps schedules, only an admin adds agents or sets roles.

export interface RosterFileEntry {
  email?: unknown;
  name?: unknown;
  role?: unknown;
  timeZone?: unknown;
  region?: unknown;
  country?: unknown;
  hours?: unknown;
  skills?: unknown;
  timeOff?: unknown;
}

interface Located {
  entry: RosterFileEntry;
  /** 1-based entry number in the agents list */
  index: number;
  /** 1-based line in the file, when there is a file */
  line?: number;
}

export interface RosterProblem {
  entry: number;
  line?: number;
  message: string;
}

function fail(problems: RosterProblem[]): never {
  const where = (p: RosterProblem) => (p.line !== undefined ? `line ${p.line}` : `entry ${p.entry}`);
  const list = problems.map((p) => `${where(p)}: ${p.message}`).join('\n');
  throw new AppError(
    'ROSTER_INVALID',
    `The roster has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.\n${list}`,
    { problems },
  );
}

export function parseRosterYaml(text: string): Located[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err?.pos ? lineCounter.linePos(err.pos[0]).line : undefined;
    fail([
      { entry: 0, ...(line !== undefined ? { line } : {}), message: `not valid YAML: ${err?.message.split('\n')[0]}` },
    ]);
  }
  const agents = isMap(doc.contents) ? doc.contents.get('agents', true) : undefined;
  if (!isSeq(agents)) fail([{ entry: 0, line: 1, message: 'the file needs a list under "agents:"' }]);
  return agents.items.map((node, i) => {
    const offset = (node as { range?: [number, number, number] }).range?.[0];
    return {
      entry: ((node as { toJSON?: () => unknown }).toJSON?.() ?? {}) as RosterFileEntry,
      index: i + 1,
      ...(offset !== undefined ? { line: lineCounter.linePos(offset).line } : {}),
    };
  });
}

/**
 * CSV with a header row: email, name, timeZone, region, country, role, skills ("a;b"), timeOff
 * ("2026-12-24..2026-12-31;2027-01-05") and one column per day (mon … sun, "09:00-17:00", split
 * shifts "09:00-12:00,13:00-17:00", empty for a day off). Without day columns: Mon–Fri 09:00–17:00.
 */
export function parseRosterCsv(text: string): Located[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    fail([{ entry: 0, ...(line !== undefined ? { line } : {}), message: `not valid CSV: ${(err as Error).message}` }]);
  }
  return records.map(({ record, info }, i) => {
    const dayColumns = WEEKDAYS.filter((d) => d in record);
    const entry: RosterFileEntry = {
      email: record.email,
      ...(record.name ? { name: record.name } : {}),
      ...(record.role ? { role: record.role } : {}),
      ...(record.timeZone ? { timeZone: record.timeZone } : {}),
      ...(record.region ? { region: record.region } : {}),
      ...(record.country ? { country: record.country } : {}),
      ...(record.skills ? { skills: record.skills.split(';') } : {}),
      ...(dayColumns.length > 0
        ? { hours: Object.fromEntries(dayColumns.filter((d) => record[d]).map((d) => [d, record[d]])) }
        : {}),
      ...('timeOff' in record
        ? {
            timeOff: (record.timeOff ?? '')
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((span) => {
                const [from, to] = span.split('..');
                return { from, to: to ?? from };
              }),
          }
        : {}),
    };
    return { entry, index: i + 1, line: info.lines };
  });
}

export function parseRosterJson(body: unknown): Located[] {
  const agents = (body as { agents?: unknown })?.agents;
  if (!Array.isArray(agents)) fail([{ entry: 0, message: 'the body needs a list under "agents"' }]);
  return agents.map((entry, i) => ({ entry: (entry ?? {}) as RosterFileEntry, index: i + 1 }));
}

interface CheckedEntry {
  email: string;
  name?: string;
  role?: 'agent' | 'lead' | 'admin';
  timeZone?: string;
  region?: string | null;
  country?: string | null;
  hours?: Record<string, string>;
  skills?: string[];
  timeOff?: { from: string; to: string }[];
}

function checkEntry(located: Located, existing: boolean): CheckedEntry | string {
  const e = located.entry;
  const str = (v: unknown) =>
    typeof v === 'string' ? v.trim() : v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
  const email = str(e.email)?.toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return 'email is missing or not an address';
  const out: CheckedEntry = { email };
  try {
    if (e.name !== undefined) out.name = str(e.name) || undefined;
    if (e.role !== undefined) {
      const role = str(e.role);
      if (role !== 'agent' && role !== 'lead' && role !== 'admin') return `${email}: role must be agent, lead or admin`;
      out.role = role;
    }
    if (e.timeZone !== undefined) {
      const zone = str(e.timeZone);
      if (!zone || !IANAZone.isValidZone(zone))
        return `${email}: timeZone "${String(e.timeZone)}" is not an IANA time zone (e.g. Europe/Lisbon)`;
      out.timeZone = zone;
    } else if (!existing) return `${email}: a new agent needs a timeZone`;
    if (e.region !== undefined) out.region = str(e.region) || null;
    if (e.country !== undefined) {
      const country = str(e.country)?.toUpperCase() || null;
      checkCountry(country, `${email}: `);
      out.country = country;
    }
    if (e.hours !== undefined) {
      if (typeof e.hours !== 'object' || e.hours === null || Array.isArray(e.hours))
        return `${email}: hours must be a map such as { mon: "09:00-17:00" }`;
      const hours = Object.fromEntries(Object.entries(e.hours).map(([k, v]) => [k, str(v) ?? String(v)]));
      out.hours = formatWeeklyHours(checkHours(hours, `${email}: `)) as Record<string, string>;
    }
    if (e.skills !== undefined) {
      if (!Array.isArray(e.skills)) return `${email}: skills must be a list`;
      out.skills = normalizeSkills(e.skills.map((s) => String(s)));
    }
    if (e.timeOff !== undefined) {
      if (!Array.isArray(e.timeOff)) return `${email}: timeOff must be a list of { from, to }`;
      out.timeOff = e.timeOff.map((t: { from?: unknown; to?: unknown }) => {
        const from = str(t?.from) ?? '';
        const to = str(t?.to) ?? from;
        checkDateRange(from, to, `${email}: `);
        return { from, to };
      });
    }
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
  return out;
}

/** Why the actor may not make this entry's changes (people's one rule), or undefined. */
function mayNotChange(actor: Actor, existing: AgentRow | undefined, entry: CheckedEntry): string | undefined {
  try {
    assertMayChangeAgent(actor, existing, entry, `${entry.email}: `);
    return undefined;
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') return err.message;
    throw err;
  }
}

export async function importRoster(deps: Deps, actor: Actor, entries: Located[]) {
  requireAgent(actor, 'lead');
  if (entries.length === 0) fail([{ entry: 0, message: 'the roster lists no agents' }]);
  const result = await inTransaction(deps, async (tx) => {
    const problems: RosterProblem[] = [];
    const checked: { entry: CheckedEntry; existing?: AgentRow }[] = [];
    const seen = new Map<string, number>();
    for (const located of entries) {
      const email = typeof located.entry.email === 'string' ? located.entry.email.trim().toLowerCase() : '';
      const existing = email ? await findAgentByEmail(tx.db, email) : undefined;
      const outcome = checkEntry(located, Boolean(existing));
      const at = { entry: located.index, ...(located.line !== undefined ? { line: located.line } : {}) };
      if (typeof outcome === 'string') {
        problems.push({ ...at, message: outcome });
        continue;
      }
      const refusal = mayNotChange(actor, existing, outcome);
      if (refusal !== undefined) problems.push({ ...at, message: refusal });
      else if (seen.has(outcome.email))
        problems.push({
          ...at,
          message: `${outcome.email} is listed twice (first as entry ${seen.get(outcome.email)})`,
        });
      else {
        seen.set(outcome.email, located.index);
        checked.push({ entry: outcome, ...(existing ? { existing } : {}) });
      }
    }
    if (problems.length > 0) fail(problems);

    const now = tx.clock.now();
    let created = 0;
    for (const { entry, existing } of checked) {
      let id: string;
      const schedule = {
        ...(entry.timeZone !== undefined ? { timeZone: entry.timeZone } : {}),
        ...(entry.region !== undefined ? { region: entry.region } : {}),
        ...(entry.country !== undefined ? { country: entry.country } : {}),
        ...(entry.hours !== undefined ? { hours: entry.hours } : {}),
        ...(entry.skills !== undefined ? { skills: entry.skills } : {}),
      };
      if (existing) {
        id = existing.id;
        await updateAgentRow(tx.db, id, { ...schedule, updatedAt: now });
        // who someone is goes through people's update: its rule, audit and sign-in effects
        const identity = {
          ...(entry.name && entry.name !== existing.name ? { name: entry.name } : {}),
          ...(entry.role && entry.role !== existing.role ? { role: entry.role } : {}),
        };
        if (Object.keys(identity).length > 0) await updateAgent(tx, actor, id, identity);
      } else {
        const row = await createAgent(tx, actor, {
          email: entry.email,
          name: entry.name ?? entry.email.split('@')[0] ?? entry.email,
          role: entry.role ?? 'agent',
          timeZone: entry.timeZone as string,
          region: entry.region ?? null,
          country: entry.country ?? null,
          hours: entry.hours ?? (formatWeeklyHours(checkHours(undefined)) as Record<string, string>),
          skills: entry.skills ?? [],
        });
        id = row.id;
        created++;
      }
      if (entry.timeOff) {
        // the file states the agent's whole time off
        await deleteTimeOffOfAgent(tx.db, id);
        for (const t of entry.timeOff) {
          await insertTimeOff(tx.db, { agentId: id, fromDate: t.from, toDate: t.to, reason: null, createdAt: now });
        }
      }
    }
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'roster.imported',
      entityType: 'roster',
      entityId: 'roster',
      data: { agents: checked.map((c) => c.entry.email), created },
    });
    return { created, updated: checked.length - created, agents: checked.map((c) => c.entry.email) };
  });
  forgetRoster(deps);
  return result;
}

/** Reads a roster file by its name: .csv is CSV, anything else YAML (JSON is YAML too). */
export function parseRosterFile(name: string, text: string): Located[] {
  return name.toLowerCase().endsWith('.csv') ? parseRosterCsv(text) : parseRosterYaml(text);
}
