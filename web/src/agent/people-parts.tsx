import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, get, type Page, type Ticket } from '../shared/api.js';
import { formatTime, fromNow } from '../shared/format.js';
import { ErrorText, Loading, PriorityBadge, StatusBadge } from '../shared/ui.js';

// What the person and organization pages share: a paged list of tickets, the open / waiting counts,
// and the notes a lead keeps about a customer.

export interface ActiveCounts {
  byStatus: Record<'new' | 'open' | 'pending' | 'on-hold' | 'watching', number>;
  open: number;
  waiting: number;
}

/** A paged list of tickets from the ticket list API (`query` is its filter), newest activity first. */
export function TicketTable({
  title,
  query,
  empty,
  showRequester = true,
}: {
  title: string;
  query: string;
  empty: string;
  /** false where every ticket is the same person's */
  showRequester?: boolean;
}) {
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'people', query],
    queryFn: ({ pageParam }) =>
      get<Page<Ticket>>(
        `/api/v1/tickets?${query}&limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `tickets-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="people-section">
      <h2 id={headingId}>{title}</h2>
      {list.isPending && <Loading what="tickets" />}
      <ErrorText error={list.error} />
      {list.isSuccess && tickets.length === 0 && <p className="muted">{empty}</p>}
      {tickets.length > 0 && <TicketRows tickets={tickets} showRequester={showRequester} />}
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'More tickets'}
        </button>
      )}
    </section>
  );
}

export function TicketRows({
  tickets,
  showRequester = true,
}: {
  // the contact summary's CC'd tickets carry status and priority as plain strings
  tickets: (Pick<Ticket, 'number' | 'subject' | 'updatedAt' | 'requester'> & { status: string; priority: string })[];
  showRequester?: boolean;
}) {
  return (
    <ul className="people-tickets">
      {tickets.map((t) => (
        <li key={t.number}>
          <Link to={`/tickets/${t.number}`}>
            <span className="muted">#{t.number}</span> {t.subject}
          </Link>
          <span className="meta">
            <StatusBadge status={t.status} /> <PriorityBadge priority={t.priority} />{' '}
            {showRequester && t.requester && (
              <Link to={`/people/${t.requester.id}`} className="small">
                {t.requester.name ?? t.requester.email}
              </Link>
            )}{' '}
            <span className="muted small" title={formatTime(t.updatedAt)}>
              {fromNow(t.updatedAt)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Counts({ counts }: { counts: ActiveCounts }) {
  const s = counts.byStatus;
  return (
    <dl className="people-counts">
      <div>
        <dt>Open</dt>
        <dd>{counts.open}</dd>
        <dd className="muted small">
          {s.new} new · {s.open} open
        </dd>
      </div>
      <div>
        <dt>Waiting</dt>
        <dd>{counts.waiting}</dd>
        <dd className="muted small">
          {s.pending} pending · {s['on-hold']} on hold · {s.watching} watching
        </dd>
      </div>
    </dl>
  );
}

/** Notes about a customer: every agent reads them, a lead edits them. Never shown to the customer. */
export function Notes({
  notes,
  editable,
  url,
  onSaved,
}: {
  notes: string | null;
  editable: boolean;
  url: string;
  onSaved: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(notes ?? '');
  const save = useMutation({
    mutationFn: () => api('PATCH', url, { notes: text.trim() || null }),
    onSuccess: async () => {
      await onSaved();
      setEditing(false);
    },
  });
  return (
    <section aria-labelledby="notes-title" className="people-section notes">
      <h2 id="notes-title">Notes</h2>
      <p className="muted small">For the team only; the customer never sees them.</p>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <label>
            Notes for the team
            <textarea value={text} rows={5} onChange={(e) => setText(e.target.value)} maxLength={20_000} />
          </label>
          <button type="submit" disabled={save.isPending}>
            Save notes
          </button>{' '}
          <button type="button" className="link" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <ErrorText error={save.error} />
        </form>
      ) : (
        <>
          {notes ? <p className="notes-text">{notes}</p> : <p className="muted">No notes yet.</p>}
          {editable && (
            <button
              type="button"
              className="small"
              onClick={() => {
                setText(notes ?? '');
                setEditing(true);
              }}
            >
              Edit notes
            </button>
          )}
        </>
      )}
    </section>
  );
}
