import { formatUtc } from '../platform/clock.js';

// An audit event in plain words, as the ticket's history shows it beside the messages:
// "Ana set priority high → urgent", "Handed over from EMEA to AMER: Ana → Bob". Pure: the names of
// the people and teams an event refers to by id come in `names`.

export interface EventToDescribe {
  action: string;
  actor: { kind: string; name: string };
  data: Record<string, unknown>;
}

export interface EventNames {
  agents: Map<string, { name: string }>;
  teams: Map<string, { name: string }>;
  contacts: Map<string, { email: string; name: string | null }>;
}

type Change = { from: unknown; to: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const when = (v: unknown) => {
  const d = new Date(str(v));
  return Number.isNaN(d.getTime()) ? str(v) : formatUtc(d);
};

/** The ids an event refers to, to look their names up before describing it. */
export function idsIn(event: EventToDescribe): { agentIds: string[]; teamIds: string[]; contactIds: string[] } {
  const changes = (event.data.changes ?? {}) as Record<string, Change>;
  const agentIds = changes.assignee ? [changes.assignee.from, changes.assignee.to] : [];
  const teamIds = changes.team ? [changes.team.from, changes.team.to] : [];
  const contactIds = [
    ...(changes.ccs ? [...list(changes.ccs.from), ...list(changes.ccs.to)] : []),
    ...list(event.data.contactIds),
  ];
  // ids are uuids; anything else in an old event's data is not looked up
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string' && uuid.test(v));
  return { agentIds: ids(agentIds), teamIds: ids(teamIds), contactIds: ids(contactIds) };
}

function who(event: EventToDescribe): string {
  return event.actor.name;
}

function agentName(names: EventNames, id: unknown): string {
  return typeof id === 'string' ? (names.agents.get(id)?.name ?? 'a former agent') : 'nobody';
}

function contactName(names: EventNames, id: string): string {
  const c = names.contacts.get(id);
  return c ? (c.name ? `${c.name} <${c.email}>` : c.email) : 'someone';
}

/** One field change as words: "set priority high → urgent", "assigned Bob". */
function describeChange(field: string, change: Change, names: EventNames): string {
  switch (field) {
    case 'status':
    case 'priority':
    case 'region':
      return `set ${field} ${str(change.from) || 'none'} → ${str(change.to) || 'none'}`;
    case 'subject':
      return `renamed the ticket "${str(change.from)}" → "${str(change.to)}"`;
    case 'assignee':
      if (change.to === null) return `unassigned ${agentName(names, change.from)}`;
      if (change.from === null) return `assigned ${agentName(names, change.to)}`;
      return `reassigned from ${agentName(names, change.from)} to ${agentName(names, change.to)}`;
    case 'team': {
      const team = (id: unknown) => (typeof id === 'string' ? (names.teams.get(id)?.name ?? 'a former team') : 'none');
      return `set team ${team(change.from)} → ${team(change.to)}`;
    }
    case 'tags': {
      const from = list(change.from);
      const to = list(change.to);
      const added = to.filter((t) => !from.includes(t));
      const removed = from.filter((t) => !to.includes(t));
      return [
        added.length ? `tagged ${added.join(', ')}` : '',
        removed.length ? `removed tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
    }
    case 'ccs': {
      const from = list(change.from);
      const to = list(change.to);
      const added = to.filter((t) => !from.includes(t)).map((id) => contactName(names, id));
      const removed = from.filter((t) => !to.includes(t)).map((id) => contactName(names, id));
      return [
        added.length ? `CC'd ${added.join(', ')}` : '',
        removed.length ? `took ${removed.join(', ')} off the CCs` : '',
      ]
        .filter(Boolean)
        .join(' and ');
    }
    case 'autoClose':
      return change.to ? 'turned automatic solve and close back on' : 'turned automatic solve and close off';
    case 'handOver':
      return change.to ? 'let it be handed over when its assignee’s day ends' : 'pinned it to its assignee';
    case 'lookAgainAt':
      return change.to ? `set a date to look again: ${when(change.to)}` : 'cleared the date to look again';
    default:
      return `changed ${field}`;
  }
}

// the order a person reads the changes in (jsonb keeps keys in its own order)
const FIELD_ORDER = ['status', 'priority', 'assignee', 'handOver', 'team', 'tags', 'subject', 'region', 'ccs'];
const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);

function describeChanges(changes: Record<string, Change>, names: EventNames): string {
  return Object.entries(changes)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([field, change]) => describeChange(field, change, names))
    .filter(Boolean)
    .join(', ');
}

/** The event in words, the actor's name first where a person did it. */
export function describeEvent(event: EventToDescribe, names: EventNames): string {
  const d = event.data;
  const by = who(event);
  switch (event.action) {
    case 'ticket.created':
      return `${by} opened the ticket${d.channel ? ` (${str(d.channel)})` : ''}`;
    case 'ticket.updated': {
      const words = describeChanges((d.changes ?? {}) as Record<string, Change>, names) || 'changed the ticket';
      return `${by} ${words}${d.reason ? ` (${str(d.reason)})` : ''}`;
    }
    case 'reply.added':
    case 'note.added': {
      const what = event.action === 'reply.added' ? 'replied' : 'added an internal note';
      const status = d.status as Change | undefined;
      return status ? `${by} ${what} and set status ${str(status.from)} → ${str(status.to)}` : `${by} ${what}`;
    }
    case 'ticket.ccs-added': {
      const people = list(d.contactIds).map((id) => contactName(names, id));
      if (d.via === 'reply') return `${by} copied ${people.join(', ')} on a reply: they joined the ticket`;
      if (d.via === 'accepted') return `${people.join(', ')} joined: an admin accepted their mail onto the ticket`;
      return `${by} CC'd ${people.join(', ')}`;
    }
    case 'ticket.cc-added':
      return `${by} CC'd ${str(d.email)}${d.otherOrganization ? ' (of another organization)' : ''}`;
    case 'ticket.cc-removed':
      return `${by} took ${str(d.email) || 'someone'} off the CCs`;
    case 'link.added':
      return `${by} linked ${str(d.issue) || str(d.url)}`;
    case 'link.removed':
      return `${by} unlinked ${str(d.issue) || str(d.url)}`;
    case 'link.customer-invited':
      return `The customer was told how to follow ${str(d.url)} themselves`;
    case 'link.demand-asked':
      return `${by} asked to be counted among those affected by ${str(d.url)}`;
    case 'suggestion.searched':
      return `${by} searched the forges for this ticket's signature`;
    case 'suggestion.dismissed':
      return `${by} dismissed the suggestion ${str(d.issue) || str(d.url)}`;
    case 'issue.created':
      return `${by} created the issue ${str(d.url)}`;
    case 'ticket.handed-over': {
      const changes = (d.changes ?? {}) as Record<string, Change>;
      const from = agentName(names, changes.assignee?.from);
      const to = agentName(names, changes.assignee?.to);
      const regions =
        d.fromRegion || d.toRegion ? ` from ${str(d.fromRegion) || '?'} to ${str(d.toRegion) || '?'}` : '';
      return `Handed over${regions}: ${from} → ${to}${d.handovers ? ` (handover ${str(d.handovers)})` : ''}`;
    }
    case 'ticket.circled':
      return `The ticket circled the globe unanswered (${count(Number(d.handovers ?? 0), 'handover')})`;
    case 'ticket.routed': {
      const changes = (d.changes ?? {}) as Record<string, Change>;
      return `Routed to ${agentName(names, changes.assignee?.to)}${d.reason ? ` (${str(d.reason)})` : ''}`;
    }
    case 'ticket.routing-waiting':
      return d.until
        ? `Nobody on shift: routing waits until ${when(d.until)}`
        : `Nobody on shift to route to${d.reason ? ` (${str(d.reason)})` : ''}`;
    case 'ticket.pending-reminded':
      return 'Reminded the customer: the ticket waits on their answer';
    case 'ticket.follow-up-created':
      return `Opened as a follow-up of closed #${str(d.followUpOf)}`;
    case 'ticket.followed-up':
      return `Followed up in #${str(d.followUp)}`;
    case 'ticket.reply-from-stranger':
      return `A reply from ${str(d.from)}, who is not on this ticket, was opened as #${str(d.openedTicket)}`;
    case 'ticket.merged':
      return `${by} merged this ticket into #${str(d.into)}`;
    case 'ticket.merged-in': {
      const moved = [
        count(Number(d.messages ?? 0), 'message'),
        ...(Number(d.attachments) ? [count(Number(d.attachments), 'file')] : []),
        ...(list(d.links).length ? [count(list(d.links).length, 'link')] : []),
        ...(list(d.ccs).length ? [`CC'd ${list(d.ccs).join(', ')}`] : []),
      ];
      return `${by} merged #${str(d.from)} "${str(d.subject)}" into this ticket (${moved.join(', ')})`;
    }
    case 'sla.warning':
    case 'sla.breached':
      return str(d.detail) || (event.action === 'sla.breached' ? 'SLA breached' : 'SLA warning');
    case 'mail.failed':
      return `Mail to ${list(d.to).join(', ')} could not be delivered: ${str(d.error)}`;
    case 'mail.bounced':
      return `Mail to ${list(d.to).join(', ')} bounced: ${str(d.error)}`;
    case 'bundle.added':
      return `${by} added the log bundle ${str(d.filename)}${d.source === 'mail' ? ' (a mail attachment)' : ''}`;
    case 'bundle.deleted':
      return d.reason === 'expired'
        ? `The log bundle ${str(d.filename)} was deleted: its retention period ended`
        : `${by} deleted the log bundle ${str(d.filename)}`;
    case 'csat.rated':
      return `${by} rated the solve ${str(d.rating)}${d.from ? ` (was ${str(d.from)})` : ''}${d.comment ? `: "${str(d.comment)}"` : ''}`;
    default:
      // an action added later still reads as something: "Ana: macro applied"
      return `${by}: ${event.action.replace(/[.-]/g, ' ')}`;
  }
}
