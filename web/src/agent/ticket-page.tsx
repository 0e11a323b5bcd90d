import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get, type IssueLink, type Message, type Page, type Ticket } from '../shared/api.js';
import { Conversation } from '../shared/conversation.js';
import { readDraft } from '../shared/drafts.js';
import { fixStory, formatTime, fromNow, TICKET_PRIORITIES, TICKET_STATUSES } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { TicketBundles } from '../shared/ticket-bundles.js';
import { useTicketWithMessages } from '../shared/ticket-queries.js';
import { ErrorText, Loading, PriorityBadge, StatusBadge } from '../shared/ui.js';
import { Composer } from './composer.js';
import { FieldsPanel } from './fields-panel.js';
import { IssueSuggestions } from './issue-suggestions.js';
import { LookAlikesBanner } from './look-alikes-banner.js';
import { BookedCallsLine, bookingBehind, CallsPanel, callBookings, explainStep } from './ticket-calls.js';
import { HandOverChoice, LookAgain } from './ticket-defaults.js';
import { RatingPanel } from './ticket-rating.js';
import { ShortcutsHelp, useTicketShortcuts } from './ticket-shortcuts.js';
import { CcsPanel, MergeAction, useHistory } from './ticket-story.js';

interface Sla {
  dueAt: string | null;
  policy: { name: string } | null;
  clocks: { metric: string; state: string; targetMinutes: number; usedMinutes: number; dueAt: string | null }[];
  events: { at: string; metric: string; kind: string; detail: string }[];
}

export function TicketPage() {
  const number = Number(useParams().number);
  const session = useSession();
  const client = useQueryClient();
  const { ticket, messages } = useTicketWithMessages(number);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['ticket', number] }),
      client.invalidateQueries({ queryKey: ['messages', number] }),
      client.invalidateQueries({ queryKey: ['sla', number] }),
      client.invalidateQueries({ queryKey: ['links', number] }),
      client.invalidateQueries({ queryKey: ['count'] }),
      client.invalidateQueries({ queryKey: ['tickets'] }),
    ]);
  const history = useHistory(number);
  const [help, setHelp] = useState(false);
  const solve = useMutation({
    mutationFn: () => api('PATCH', `/api/v1/tickets/${number}`, { status: 'solved' }),
    onSuccess: refresh,
  });
  useTicketShortcuts({
    onSolve: () => {
      const status = ticket.data?.status;
      if (!status || status === 'solved' || status === 'closed' || solve.isPending) return;
      // a written reply not sent yet would go unsent: ask first
      const draft = readDraft(session.actor.agentId, number);
      if (draft && !window.confirm('Solve the ticket without sending what you wrote? It stays as a draft.')) return;
      solve.mutate();
    },
    onHelp: () => setHelp(true),
  });

  if (ticket.isPending) return <Loading what={`ticket ${number}`} />;
  if (ticket.isError) return <ErrorText error={ticket.error} />;
  const t = ticket.data;
  return (
    <article className="ticket" aria-labelledby="ticket-title">
      <div className="ticket-main">
        <header>
          <h1 id="ticket-title">
            <span className="muted">#{t.number}</span> {t.subject}
          </h1>
          <p className="muted">
            {t.requester && <Link to={`/people/${t.requester.id}`}>{t.requester.name ?? t.requester.email}</Link>}
            {t.organization && (
              <>
                {' · '}
                <Link to={`/organizations/${t.organization.id}`}>{t.organization.name}</Link>
              </>
            )}{' '}
            · via {t.channel} · opened {formatTime(t.createdAt)}
          </p>
        </header>
        <LookAlikesBanner number={number} onLinked={refresh} />
        {t.mergedInto && (
          <p className="notice merged-pointer">
            Merged into <Link to={`/tickets/${t.mergedInto}`}>ticket #{t.mergedInto}</Link>: the conversation continues
            there.
          </p>
        )}
        <div className="conversation-tools">
          {history.control}
          <button type="button" className="link small" onClick={() => setHelp(true)} aria-haspopup="dialog">
            Keyboard shortcuts <kbd>?</kbd>
          </button>
        </div>
        {messages.isPending && <Loading what="the conversation" />}
        <ErrorText error={messages.error} />
        {messages.data && <Conversation messages={messages.data.items} events={history.events} agentView />}
        <p role="status" className="visually-hidden">
          {solve.isSuccess ? `Ticket #${number} solved.` : ''}
        </p>
        <ErrorText error={solve.error} />
        {!t.mergedInto && <Composer key={number} number={number} status={t.status} onSent={refresh} />}
        <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
      </div>
      <aside className="ticket-side" aria-label="Ticket details">
        {/* keyed by the tags: a change from elsewhere (a macro, another agent) shows in the tags field;
            and by the status: an error about an earlier status change goes once the status moves */}
        <Fields key={`${t.status} ${(t.tags ?? []).join(' ')}`} ticket={t} onChanged={refresh} />
        {/* the issue a ticket belongs to is what a support engineer looks for first: near the top */}
        <LinksPanel number={number} status={t.status} onChanged={refresh} />
        <IssueSuggestions number={number} onLinked={refresh} />
        <SlaPanel number={number} messages={messages.data?.items ?? []} />
        <FieldsPanel number={number} severity={t.severity} onChanged={refresh} />
        <TicketBundles ticketNumber={number} audience="agent" closed={t.status === 'closed'} />
        <CallsPanel ticket={t} onChanged={refresh} />
        <CcsPanel ticket={t} onChanged={refresh} />
        <RatingPanel number={number} />
        <MergeAction ticket={t} onMerged={refresh} />
      </aside>
    </article>
  );
}

function Fields({ ticket, onChanged }: { ticket: Ticket; onChanged: () => Promise<unknown> }) {
  const agents = useQuery({
    queryKey: ['agents'],
    queryFn: () => get<Page<{ id: string; name: string; email: string }>>('/api/v1/agents?limit=100'),
    staleTime: 60_000,
  });
  const [tags, setTags] = useState((ticket.tags ?? []).join(' '));
  const change = useMutation({
    mutationFn: (patch: Record<string, unknown>) => api('PATCH', `/api/v1/tickets/${ticket.number}`, patch),
    onSuccess: onChanged,
  });
  return (
    <section aria-labelledby="fields-title" className="panel">
      <h2 id="fields-title">Ticket</h2>
      <p>
        <StatusBadge status={ticket.status} /> <PriorityBadge priority={ticket.priority} />
      </p>
      <label>
        Status
        <select value={ticket.status} onChange={(e) => change.mutate({ status: e.target.value })}>
          {TICKET_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select value={ticket.priority} onChange={(e) => change.mutate({ priority: e.target.value })}>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <select value={ticket.assignee?.id ?? ''} onChange={(e) => change.mutate({ assignee: e.target.value || null })}>
          <option value="">unassigned</option>
          {(agents.data?.items ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <HandOverChoice ticket={ticket} onChanged={onChanged} />
      <LookAgain ticket={ticket} onChanged={onChanged} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate({ tags: tags.split(/[\s,]+/).filter(Boolean) });
        }}
      >
        <label>
          Tags
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <button type="submit" className="small">
          Save tags
        </button>
      </form>
      {ticket.waitingForShiftUntil && (
        <p className="notice">Nobody is on shift: routing waits until {formatTime(ticket.waitingForShiftUntil)}.</p>
      )}
      <ErrorText error={change.error} />
    </section>
  );
}

function SlaPanel({ number, messages }: { number: number; messages: Message[] }) {
  const sla = useQuery({ queryKey: ['sla', number], queryFn: () => get<Sla>(`/api/v1/tickets/${number}/sla`) });
  const [open, setOpen] = useState(false);
  if (!sla.data) return <ErrorText error={sla.error} />;
  // a booked call is the reply to the customer: the steps it made say so
  const bookings = callBookings(messages);
  const byBooking = sla.data.events.map((e) => bookingBehind(e, bookings));
  const stopped = new Set(byBooking.flatMap((m) => (m ? [m.id] : [])));
  return (
    <section aria-labelledby="sla-title" className="panel">
      <h2 id="sla-title">SLA</h2>
      {sla.data.clocks.length === 0 && <p className="muted">No SLA clock runs on this ticket.</p>}
      <ul className="clocks">
        {sla.data.clocks.map((c) => {
          // a clock still running past its due time has breached; it says so until it stops
          const overdue = c.state === 'running' && c.dueAt !== null && Date.parse(c.dueAt) < Date.now();
          return (
            <li key={c.metric} className={`clock clock-${overdue ? 'breached' : c.state}`}>
              <strong>{c.metric.replace('-', ' ')}</strong> · {overdue ? 'overdue' : c.state}
              {c.dueAt && (
                <>
                  {' '}
                  · {overdue ? 'was due' : 'due'} <time dateTime={c.dueAt}>{formatTime(c.dueAt)}</time> (
                  {fromNow(c.dueAt)})
                </>
              )}
            </li>
          );
        })}
      </ul>
      <BookedCallsLine bookings={bookings} stopped={stopped} />
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'} why ({sla.data.events.length} {sla.data.events.length === 1 ? 'step' : 'steps'})
      </button>
      {open && (
        <ol className="timeline">
          {sla.data.events.map((e, i) => (
            <li key={`${e.at}-${e.metric}-${e.kind}`}>
              <time dateTime={e.at}>{formatTime(e.at)}</time> {byBooking[i] ? explainStep(e) : e.detail}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function LinksPanel({
  number,
  status,
  onChanged,
}: {
  number: number;
  status: string;
  onChanged: () => Promise<unknown>;
}) {
  const links = useQuery({
    queryKey: ['links', number],
    queryFn: () => get<{ items: IssueLink[] } | IssueLink[]>(`/api/v1/tickets/${number}/links`),
  });
  const [url, setUrl] = useState('');
  const link = useMutation({
    mutationFn: () => api('POST', `/api/v1/tickets/${number}/links`, { url }),
    onSuccess: async () => {
      setUrl('');
      await onChanged();
    },
  });
  const watch = useMutation({
    mutationFn: () => api('PATCH', `/api/v1/tickets/${number}`, { status: 'watching' }),
    onSuccess: onChanged,
  });
  const unlink = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/tickets/${number}/links/${id}`),
    onSuccess: onChanged,
  });
  const refOf = (l: IssueLink) =>
    `${l.project}${l.kind === 'change' ? (l.forge.kind === 'github' ? '#' : '!') : '#'}${l.number}`;
  const items = Array.isArray(links.data) ? links.data : (links.data?.items ?? []);
  return (
    <section aria-labelledby="links-title" className="panel">
      <h2 id="links-title">Linked issues</h2>
      {items.length === 0 && <p className="muted">Paste the URL of the public issue that will fix this.</p>}
      <ul className="links">
        {items.map((l) => (
          <li key={l.id}>
            <a href={l.url} target="_blank" rel="noreferrer">
              {l.project}
              {l.kind === 'change' ? (l.forge.kind === 'github' ? '#' : '!') : '#'}
              {l.number}
            </a>{' '}
            {l.title}
            <div className="small">
              {l.state} · {fixStory(l).join(' · ')}
              {l.change?.mergedBy ? ` · merged by ${l.change.mergedBy}` : ''}
            </div>
            <div className="small muted">
              last heard {fromNow(l.lastHeardAt)} ·{' '}
              <button
                type="button"
                className="link small"
                aria-label={`Unlink ${refOf(l)}`}
                disabled={unlink.isPending}
                onClick={() => unlink.mutate(l.id)}
              >
                Unlink
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) link.mutate();
        }}
      >
        <label>
          Issue URL
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://gitlab.com/group/project/-/issues/1"
          />
        </label>
        <button type="submit" className="small" disabled={link.isPending}>
          Link
        </button>
      </form>
      <ErrorText error={link.error} />
      {items.length > 0 && status !== 'watching' && (
        <button type="button" className="small" onClick={() => watch.mutate()}>
          Set to watching
        </button>
      )}
      <ErrorText error={watch.error ?? unlink.error} />
    </section>
  );
}
