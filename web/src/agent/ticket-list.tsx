import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, get, type Page, type Ticket } from '../shared/api.js';
import { formatTime, fromNow } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { Empty, ErrorText, Loading, PriorityBadge, StatusBadge } from '../shared/ui.js';
import { DeleteView, REFINE_KEYS, RefineBar, refinedQuery, useSavedViews } from './refine.js';
import { VIEWS } from './views.js';

interface Source {
  title: string;
  url: (cursor?: string) => string;
  empty: string;
  paged: boolean;
  /** the filter the refine bar narrows; saved views and "breaching soon" have theirs fixed */
  base?: string;
  savedId?: string;
}

function sourceOf(view: string, params: URLSearchParams, savedName: string | undefined): Source {
  if (view === 'breaching') {
    return {
      title: 'Breaching soon',
      url: () => '/api/v1/sla/next?limit=50',
      empty: 'No SLA clock is running.',
      paged: false,
    };
  }
  if (view.startsWith('saved-')) {
    const id = view.slice('saved-'.length);
    return {
      title: savedName ?? 'Saved view',
      url: (cursor) => `/api/v1/views/${id}/tickets?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      empty: 'No ticket matches this view.',
      paged: true,
      savedId: id,
    };
  }
  const def = VIEWS.find((v) => v.id === view) ?? (VIEWS[0] as (typeof VIEWS)[number]);
  const query = refinedQuery(def.query, params);
  const refined = REFINE_KEYS.some((key) => params.get(key));
  return {
    title: def.name,
    url: (cursor) => {
      const page = new URLSearchParams(query);
      page.set('limit', '50');
      if (cursor) page.set('cursor', cursor);
      return `/api/v1/tickets?${page}`;
    },
    empty: refined ? 'No ticket in this view matches the refinement.' : def.empty,
    paged: true,
    base: def.query,
  };
}

export function TicketList() {
  const { view = 'mine' } = useParams();
  const [params] = useSearchParams();
  const saved = useSavedViews(view.startsWith('saved-'));
  const source = sourceOf(view, params, saved.data?.items.find((v) => `saved-${v.id}` === view)?.name);
  const navigate = useNavigate();
  const session = useSession();
  const client = useQueryClient();
  const [cursorRow, setCursorRow] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkError, setBulkError] = useState<unknown>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const keyMoved = useRef(false);

  const list = useInfiniteQuery({
    queryKey: ['tickets', view, source.base === undefined ? '' : params.toString()],
    queryFn: ({ pageParam }) => get<Page<Ticket>>(source.url(pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (source.paged ? (last.nextCursor ?? undefined) : undefined),
  });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];

  const listKey = `${view}?${params}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new view or refinement starts at its first row, with nothing selected
  useEffect(() => {
    setCursorRow(0);
    setSelected(new Set());
  }, [listKey]);

  // j/k move, Enter opens, x selects: the keys of mail clients and Linear
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || event.metaKey || event.ctrlKey) return;
      // Enter on a focused link or button does what it says
      if (event.key === 'Enter' && ['A', 'BUTTON'].includes(target.tagName)) return;
      if (event.key === 'j' || event.key === 'k') {
        keyMoved.current = true;
        setCursorRow((r) =>
          event.key === 'j' ? Math.min(r + 1, Math.max(0, tickets.length - 1)) : Math.max(0, r - 1),
        );
      } else if (event.key === 'Enter' && tickets[cursorRow]) navigate(`/tickets/${tickets[cursorRow].number}`);
      else if (event.key === 'x' && tickets[cursorRow]) toggle(tickets[cursorRow].number);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    const row = tableRef.current?.querySelector<HTMLElement>(`[data-row="${cursorRow}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    // j/k take the focus along, so a screen reader reads the ticket the cursor is on
    if (keyMoved.current) row?.querySelector<HTMLElement>('a')?.focus({ preventScroll: true });
    keyMoved.current = false;
  }, [cursorRow]);

  function toggle(number: number) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });
  }

  async function bulk(change: Record<string, unknown>) {
    setBulkError(null);
    try {
      for (const number of selected) await api('PATCH', `/api/v1/tickets/${number}`, change);
      setSelected(new Set());
    } catch (err) {
      setBulkError(err);
    }
    await client.invalidateQueries({ queryKey: ['tickets'] });
    await client.invalidateQueries({ queryKey: ['count'] });
  }

  return (
    <section aria-labelledby="list-title">
      <div className="list-head">
        <h1 id="list-title">{source.title}</h1>
        {selected.size > 0 && (
          <fieldset className="bulk">
            <legend className="visually-hidden">Change the selected tickets</legend>
            <span>{selected.size} selected</span>
            <button type="button" onClick={() => bulk({ assignee: session.actor.agentId })}>
              Assign to me
            </button>
            <button type="button" onClick={() => bulk({ status: 'pending' })}>
              Set pending
            </button>
            <button type="button" onClick={() => bulk({ status: 'solved' })}>
              Set solved
            </button>
          </fieldset>
        )}
      </div>
      {source.base !== undefined && <RefineBar base={source.base} />}
      {source.savedId && <DeleteView id={source.savedId} />}
      <ErrorText error={bulkError} />
      {list.isPending && <Loading what="tickets" />}
      <ErrorText error={list.error} />
      {list.isSuccess && tickets.length === 0 && <Empty title="Nothing here">{<p>{source.empty}</p>}</Empty>}
      {tickets.length > 0 && (
        <table className="tickets">
          <caption className="visually-hidden">Tickets. j and k move, Enter opens, x selects.</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">#</th>
              <th scope="col">Subject</th>
              <th scope="col">Requester</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Assignee</th>
              <th scope="col">{view === 'breaching' ? 'SLA due' : 'Updated'}</th>
            </tr>
          </thead>
          <tbody ref={tableRef}>
            {tickets.map((t, i) => (
              <tr
                key={t.number}
                data-row={i}
                className={i === cursorRow ? 'current' : undefined}
                aria-current={i === cursorRow ? 'true' : undefined}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ticket ${t.number}`}
                    checked={selected.has(t.number)}
                    onChange={() => toggle(t.number)}
                  />
                </td>
                <td>{t.number}</td>
                <td>
                  <Link to={`/tickets/${t.number}`}>{t.subject}</Link>
                  {t.waitingForShiftUntil && (
                    <span className="muted small"> · waits for a shift until {formatTime(t.waitingForShiftUntil)}</span>
                  )}
                </td>
                <td>{t.requester?.name ?? t.requester?.email ?? '—'}</td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td>
                  <PriorityBadge priority={t.priority} />
                </td>
                <td>{t.assignee?.name ?? <span className="muted">unassigned</span>}</td>
                <td title={formatTime(view === 'breaching' ? t.slaDueAt : t.updatedAt)}>
                  {fromNow(view === 'breaching' ? t.slaDueAt : t.updatedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'More tickets'}
        </button>
      )}
    </section>
  );
}
