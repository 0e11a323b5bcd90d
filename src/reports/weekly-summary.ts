import { DateTime } from 'luxon';
import { type Actor, type AgentActor, requireAgent } from '../auth/actor.js';
import { csatReport } from '../csat/csat-report.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import { findAgentById } from '../people/index.js';
import { HOUR_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { defineJob, type Schedule } from '../platform/jobs/define-job.js';
import { escapeHtml } from '../tickets/html.js';
import { runReport } from './catalog.js';
import type { Report, ReportRow } from './report.js';
import { claimWeek, findSubscription, listSubscriptions, subscribe, unsubscribe } from './summary-store.js';

// The lead's week by mail, for those who ask: last week's tickets, reply and resolution times, SLA
// attainment and CSAT, from the same reports the pages show. An hourly check sends each week once, on
// Monday from 08:00 in the lead's own zone (or at the next check after, if the desk was down then).

const SEND_FROM_HOUR = 8;

function requireLeadPerson(actor: Actor): AgentActor & { agentId: string } {
  const agent = requireAgent(actor, 'lead');
  if (!agent.agentId)
    throw new AppError('FORBIDDEN', 'The weekly summary is mailed to a person: use your own session or token.');
  return agent as AgentActor & { agentId: string };
}

export async function getWeeklySummary(deps: Deps, actor: Actor) {
  const lead = requireLeadPerson(actor);
  const row = await findSubscription(deps.db, lead.agentId);
  return { subscribed: row !== undefined, lastWeek: row?.lastWeek ?? null };
}

export async function setWeeklySummary(deps: Deps, actor: Actor, subscribed: boolean) {
  const lead = requireLeadPerson(actor);
  if (subscribed) await subscribe(deps.db, lead.agentId, deps.clock.now());
  else await unsubscribe(deps.db, lead.agentId);
  return getWeeklySummary(deps, actor);
}

/** The Monday of the last whole week in `zone`, once that week's summary is due (Monday 08:00 on); else null. */
export function weekDue(now: Date, zone: string): string | null {
  const local = DateTime.fromJSDate(now, { zone });
  const thisMonday = local.startOf('week');
  if (local < thisMonday.set({ hour: SEND_FROM_HOUR })) return null;
  return thisMonday.minus({ weeks: 1 }).toISODate();
}

interface SummaryPayload {
  agentId: string;
  /** the Monday (YYYY-MM-DD, the lead's zone) of the week */
  week: string;
}

export const checkWeeklySummariesJob = defineJob<Record<string, never>, Deps>({
  name: 'reports.weekly-summaries',
  async handle(deps) {
    const now = deps.clock.now();
    for (const row of await listSubscriptions(deps.db)) {
      const agent = await findAgentById(deps.db, row.agentId);
      // someone who left or is no longer a lead stops being asked about
      if (!agent?.active || agent.role === 'agent') {
        await unsubscribe(deps.db, row.agentId);
        continue;
      }
      const week = weekDue(now, agent.timeZone);
      if (!week || (row.lastWeek !== null && row.lastWeek >= week)) continue;
      await deps.enqueue(deps.db, sendWeeklySummaryJob.name, { agentId: agent.id, week } satisfies SummaryPayload, {
        key: `${sendWeeklySummaryJob.name}:${agent.id}:${week}`,
      });
    }
  },
});

export const sendWeeklySummaryJob = defineJob<SummaryPayload, Deps>({
  name: 'reports.weekly-summary',
  async handle(deps, { agentId, week }) {
    await inTransaction(deps, async (tx) => {
      const agent = await findAgentById(tx.db, agentId);
      // a lead who became an agent no longer gets the team's numbers
      if (!agent?.active || agent.role === 'agent') return;
      if (!(await claimWeek(tx.db, agentId, week))) return;
      const actor: AgentActor = { kind: 'agent', role: agent.role, agentId, tokenId: null, name: agent.name };
      const summary = await composeWeeklySummary(tx, actor, week, agent.timeZone);
      await queueMail(tx, {
        purpose: 'weekly-summary',
        to: [agent.email],
        subject: summary.subject,
        text: summary.text,
        html: summary.html,
        automatic: 'auto-generated',
      });
    });
  },
});

export const weeklySummaryJobs = [checkWeeklySummariesJob, sendWeeklySummaryJob];
export const weeklySummarySchedules: Schedule[] = [
  { name: 'reports.weekly-summaries', everyMs: HOUR_MS, job: 'reports.weekly-summaries' },
];

/** Minutes as people say them: "45 min", "3 h 20 min", "2 d 4 h". */
export function sayMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  const hours = Math.round(m / 60);
  return hours % 24 === 0 ? `${hours / 24} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const percent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
const only = (report: Report): ReportRow | undefined => report.rows[0];
const num = (row: ReportRow | undefined, key: string) => (typeof row?.[key] === 'number' ? (row[key] as number) : 0);

export interface WeeklySummary {
  subject: string;
  lines: string[];
  text: string;
  html: string;
}

/** The week from `week` (a Monday in `zone`) to the next Monday, as the reports count it. */
export async function composeWeeklySummary(
  deps: Deps,
  actor: Actor,
  week: string,
  zone: string,
): Promise<WeeklySummary> {
  const start = DateTime.fromISO(week, { zone }).startOf('day');
  const end = start.plus({ weeks: 1 });
  const query = { from: start.toUTC().toISO() as string, to: end.toUTC().toISO() as string, zone, groupBy: 'week' };
  const [backlog, firstReply, resolution, sla] = await Promise.all([
    runReport(deps, actor, 'backlog', query),
    runReport(deps, actor, 'first-reply', query),
    runReport(deps, actor, 'resolution', query),
    runReport(deps, actor, 'sla-attainment', query),
  ]);
  const csat = await csatReport(deps, actor, { from: query.from, to: query.to, zone, groupBy: 'week' });
  const b = only(backlog);
  const fr = only(firstReply);
  const res = only(resolution);
  const s = only(sla);
  const good = csat.rows.reduce((n, r) => n + r.good, 0);
  const bad = csat.rows.reduce((n, r) => n + r.bad, 0);
  const label = `${start.toFormat('d LLL')} – ${end.minus({ days: 1 }).toFormat('d LLL yyyy')}`;
  const slaLine = (name: string, key: string) =>
    `${name}: ${percent(s?.[`${key}Attainment`] as number | null)} (${num(s, `${key}Met`)} met, ${num(s, `${key}Breached`)} breached)`;
  const lines = [
    `Tickets: ${num(b, 'created')} created, ${num(b, 'solved')} solved, ${num(b, 'reopened')} reopened; ${num(b, 'backlog')} unsolved at the end of the week.`,
    `First reply: median ${sayMinutes(fr?.medianMinutes as number | null)}, 90th percentile ${sayMinutes(fr?.p90Minutes as number | null)} (${num(fr, 'count')} tickets).`,
    `Resolution: median ${sayMinutes(res?.medianMinutes as number | null)}, 90th percentile ${sayMinutes(res?.p90Minutes as number | null)} (${num(res, 'count')} solved).`,
    `SLA — ${slaLine('first reply', 'firstReply')}; ${slaLine('next reply', 'nextReply')}; ${slaLine('resolution', 'resolution')}.`,
    good + bad === 0
      ? 'Satisfaction: no ratings this week.'
      : `Satisfaction: ${((good / (good + bad)) * 100).toFixed(1)} % good (${good} good, ${bad} bad).`,
  ];
  const url = deps.config.publicUrl;
  const reportsUrl = `${url}/reports?from=${week}&to=${end.minus({ days: 1 }).toISODate()}&zone=${encodeURIComponent(zone)}`;
  const footer = `You get this mail because you asked for the weekly summary; turn it off on the reports page: ${url}/reports`;
  return {
    subject: `Your support week, ${label}`,
    lines,
    text: [
      `The week of ${label} (${zone}):`,
      '',
      ...lines.map((l) => `- ${l}`),
      '',
      `The reports: ${reportsUrl}`,
      '',
      '-- ',
      footer,
      '',
    ].join('\n'),
    html: `<p>The week of ${escapeHtml(label)} (${escapeHtml(zone)}):</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul><p><a href="${escapeHtml(reportsUrl)}">Open the reports</a></p><p style="color:#57606a;font-size:13px">-- <br>${escapeHtml(footer)}</p>`,
  };
}
