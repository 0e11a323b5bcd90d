import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { toCsv } from '../platform/http/csv.js';
import { arrivalsReport } from './arrivals-report.js';
import { backlogReport } from './backlog-report.js';
import { durationsReport } from './durations-report.js';
import type { Grouping } from './groups.js';
import { loadReport } from './load-report.js';
import { pipeFitterReport } from './pipe-fitter-report.js';
import { type ReportQuery, type ReportRange, readRange } from './range.js';
import type { Report, ReportTable } from './report.js';
import { slaReport } from './sla-report.js';

// The lead's reports: what each is, how it may be grouped, and what computes it. CSAT has a route of
// its own (src/csat/routes.ts) that answers in the same shape; it is listed here so the page knows it.

const DIMENSIONS = ['priority', 'plan', 'region', 'agent', 'organization', 'team'] as const;

interface Definition {
  title: string;
  description: string;
  groupBy: readonly string[];
  run?: (deps: Deps, actor: Actor, groupBy: string, range: ReportRange) => Promise<ReportTable>;
}

const durations =
  (metric: 'first-reply' | 'next-reply' | 'resolution') =>
  (deps: Deps, _actor: Actor, groupBy: string, range: ReportRange) =>
    durationsReport(deps, metric, groupBy as Grouping, range);

export const REPORTS = {
  'first-reply': {
    title: 'First reply time',
    description:
      'From a ticket’s opening to the first public reply by an agent (not the message an agent opened it with), in calendar time, counted when the reply was sent: median and 90th percentile.',
    groupBy: ['week', ...DIMENSIONS],
    run: durations('first-reply'),
  },
  'next-reply': {
    title: 'Next reply time',
    description:
      'From the customer’s earliest unanswered message to the agent’s next public reply, after the first reply, in calendar time: median and 90th percentile.',
    groupBy: ['week', ...DIMENSIONS],
    run: durations('next-reply'),
  },
  resolution: {
    title: 'Resolution time',
    description:
      'From a ticket’s opening to its latest solve (full resolution time: a reopened ticket counts again when solved again), in calendar time, counted when solved.',
    groupBy: ['week', ...DIMENSIONS],
    run: durations('resolution'),
  },
  'sla-attainment': {
    title: 'SLA attainment',
    description:
      'SLA clocks met and breached, per metric: a breach counts when the clock passed its due time, a met clock when it stopped; attainment is met / (met + breached).',
    groupBy: ['policy', 'week', ...DIMENSIONS],
    run: (deps, _actor, groupBy, range) => slaReport(deps, groupBy as Grouping, range),
  },
  backlog: {
    title: 'Backlog',
    description:
      'Tickets created, solved and reopened per period, and the unsolved tickets at the end of each (new, open, pending, on-hold and watching).',
    groupBy: ['day', 'week'],
    run: (deps, _actor, groupBy, range) => backlogReport(deps, groupBy as 'day' | 'week', range),
  },
  load: {
    title: 'Load',
    description:
      'Public replies and tickets solved in the range, tickets assigned and unsolved now, hours on shift by the roster, and replies per hour on shift.',
    groupBy: ['agent', 'team'],
    run: (deps, actor, groupBy, range) => loadReport(deps, actor, groupBy as 'agent' | 'team', range),
  },
  arrivals: {
    title: 'Arrivals and coverage',
    description:
      'Tickets arriving against the engineer hours on shift (the roster, with holidays and time off), per week, day or hour of the week in the chosen zone.',
    groupBy: ['week', 'day', 'hour-of-week'],
    run: (deps, actor, groupBy, range) =>
      arrivalsReport(deps, actor, groupBy as 'week' | 'day' | 'hour-of-week', range),
  },
  'pipe-fitter': {
    title: 'Pipe fitter',
    description:
      'Per linked public issue or forge: tickets linked in the range, those still waiting, customers told in their thread, and the median hours from the link to the fix shipping (released, else merged).',
    groupBy: ['issue', 'forge'],
    run: (deps, _actor, groupBy, range) => pipeFitterReport(deps, groupBy as 'issue' | 'forge', range),
  },
  csat: {
    title: 'Satisfaction',
    description:
      'Customer ratings of solved tickets, good or bad, counted when first given, for whose the solve was; the score is good in percent of those rated.',
    groupBy: ['agent', 'team', 'organization', 'week'],
  },
} satisfies Record<string, Definition>;

export type ReportName = keyof typeof REPORTS;
/** the reports answered by GET /api/v1/reports/{report} (CSAT has its own route) */
export const GENERIC_REPORTS = (Object.keys(REPORTS) as ReportName[]).filter(
  (r): r is Exclude<ReportName, 'csat'> => r !== 'csat',
);
export const GROUPINGS = [...new Set(Object.values(REPORTS).flatMap((r) => r.groupBy))];

export function listReports(actor: Actor) {
  requireAgent(actor, 'lead');
  return (Object.entries(REPORTS) as [ReportName, Definition][]).map(([report, d]) => ({
    report,
    title: d.title,
    description: d.description,
    groupBy: [...d.groupBy],
    defaultGroupBy: d.groupBy[0] as string,
  }));
}

export async function runReport(
  deps: Deps,
  actor: Actor,
  report: Exclude<ReportName, 'csat'>,
  query: ReportQuery,
): Promise<Report> {
  requireAgent(actor, 'lead');
  const definition: Definition | undefined = REPORTS[report];
  if (!definition?.run) throw new AppError('NOT_FOUND', `There is no report "${report}".`);
  const groupBy = query.groupBy ?? (definition.groupBy[0] as string);
  if (!definition.groupBy.includes(groupBy)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `groupBy: the ${report} report groups by ${definition.groupBy.join(', ')}, not "${groupBy}".`,
    );
  }
  const range = readRange(query, deps.clock.now());
  const table = await definition.run(deps, actor, groupBy, range);
  return {
    report,
    title: definition.title,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    zone: range.zone,
    groupBy,
    ...table,
  };
}

const GROUP_NAMES: Record<string, string> = {
  week: 'Week',
  day: 'Day',
  'hour-of-week': 'Hour of the week',
  priority: 'Priority',
  plan: 'Plan',
  region: 'Region',
  agent: 'Agent',
  organization: 'Organization',
  team: 'Team',
  policy: 'SLA policy',
  issue: 'Issue',
  forge: 'Forge',
};

/** The report as CSV: a header of the group's name and the column labels, then each row's label and values. */
export function reportCsv(report: Report): string {
  return toCsv([
    [GROUP_NAMES[report.groupBy] ?? report.groupBy, ...report.columns.map((c) => c.label)],
    ...report.rows.map((row) => [row.label, ...report.columns.map((c) => row[c.key] ?? null)]),
  ]);
}
