import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { get, type Page, type Ticket } from '../shared/api.js';
import { formatTime, fromNow } from '../shared/format.js';
import { onTicketChange } from '../shared/live.js';
import { Empty, ErrorText, Loading, PriorityBadge, StatusBadge } from '../shared/ui.js';
import { BulkBar } from './bulk-bar.js';
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
  const client = useQueryClient();
  const [cursorRow, setCursorRow] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const keyMoved = useRef(false);

  // the rows stay where they are while the agent works: live changes are announced, not applied
  const list = useInfiniteQuery({
    queryKey: ['tickets', view, source.base === undefined ? '' : params.toString()],
    queryFn: ({ pageParam }) => get<Page<Ticket>>(source.url(pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (source.paged ? (last.nextCursor ?? undefined) : undefined),
    refetchInterval: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const tickets = list.data?.pages.flatMap((p) => p.items) ?? [];
  const changes = useAnnouncedChanges(tickets, () => get<Page<Ticket>>(source.url()));
  const showChanges = async () => {
    changes.clear();
    await list.refetch();
  };

  // what is selected is what the agent sees: rows that left the list leave the selection
  const shownKey = tickets.map((t) => t.number).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: shownKey is the list's identity
  useEffect(() => {
    const shown = new Set(tickets.map((t) => t.number));
    setSelected((s) => {
      const kept = [...s].filter((n) => shown.has(n));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [shownKey]);
  const allSelected = tickets.length > 0 && tickets.every((t) => selected.has(t.number));
  const someSelected = !allSelected && tickets.some((t) => selected.has(t.number));
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected;
  }, [someSelected]);
  const selectAll = () => setSelected(allSelected ? new Set() : new Set(tickets.map((t) => t.number)));

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

  // the agent's own bulk change: shown at once, the tickets that did not change stay selected
  async function bulkDone(numbers: number[], failed: number[]) {
    changes.quiet(numbers);
    setSelected(new Set(failed));
    changes.clear();
    await list.refetch();
    await client.invalidateQueries({ queryKey: ['count'] });
  }

  return (
    <section aria-labelledby="list-title">
      <div className="list-head">
        <h1 id="list-title">{source.title}</h1>
      </div>
      {source.base !== undefined && <RefineBar base={source.base} />}
      {source.savedId && <DeleteView id={source.savedId} />}
      <BulkBar
        selected={tickets.filter((t) => selected.has(t.number)).map((t) => t.number)}
        onStart={(numbers) => changes.quiet(numbers, 60_000)}
        onDone={bulkDone}
      />
      <div className="list-changes" aria-live="polite">
        {changes.count > 0 && (
          <p>
            {changes.count} ticket{changes.count === 1 ? '' : 's'} changed —{' '}
            <button type="button" className="link" onClick={showChanges}>
              show
            </button>
          </p>
        )}
      </div>
      {list.isPending && <Loading what="tickets" />}
      <ErrorText error={list.error} />
      {list.isSuccess && tickets.length === 0 && <Empty title="Nothing here">{<p>{source.empty}</p>}</Empty>}
      {tickets.length > 0 && (
        <table className="tickets">
          <caption className="visually-hidden">Tickets. j and k move, Enter opens, x selects.</caption>
          <thead>
            <tr>
              <th scope="col" className="col-select">
                <input
                  type="checkbox"
                  ref={selectAllRef}
                  aria-label="Select all tickets shown"
                  checked={allSelected}
                  onChange={selectAll}
                />
              </th>
              <th scope="col" className="col-number">
                #
              </th>
              <th scope="col" className="col-subject">
                Subject
              </th>
              <th scope="col" className="col-requester">
                Requester
              </th>
              <th scope="col" className="col-status">
                Status
              </th>
              <th scope="col" className="col-priority">
                Priority
              </th>
              <th scope="col" className="col-assignee">
                Assignee
              </th>
              <th scope="col" className="col-sla">
                Next SLA
              </th>
              <th scope="col" className="col-updated">
                Updated
              </th>
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
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`Select ticket ${t.number}`}
                    checked={selected.has(t.number)}
                    onChange={() => toggle(t.number)}
                  />
                </td>
                <td className="col-number">{t.number}</td>
                <td className="col-subject">
                  <Link to={`/tickets/${t.number}`}>{t.subject}</Link>
                  {t.waitingForShiftUntil && (
                    <span className="muted small"> · waits for a shift until {formatTime(t.waitingForShiftUntil)}</span>
                  )}
                </td>
                <td className="col-requester">
                  {t.requester ? (
                    <Link to={`/people/${t.requester.id}`}>{t.requester.name ?? t.requester.email}</Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="col-status">
                  <StatusBadge status={t.status} />
                </td>
                <td className="col-priority">
                  <PriorityBadge priority={t.priority} />
                </td>
                <td className="col-assignee">{t.assignee?.name ?? <span className="muted">unassigned</span>}</td>
                <td className="col-sla">
                  <SlaDue at={t.slaDueAt ?? null} />
                </td>
                <td className="col-updated" title={formatTime(t.updatedAt)}>
                  {fromNow(t.updatedAt)}
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

/** When the next running SLA clock breaches; past due stands out, in words and colour. */
function SlaDue({ at }: { at: string | null }) {
  if (!at) return <span className="muted">—</span>;
  const late = new Date(at).getTime() < Date.now();
  return (
    <time dateTime={at} title={formatTime(at)} className={late ? 'sla-due sla-overdue' : 'sla-due'}>
      {late ? `overdue ${fromNow(at)}` : fromNow(at)}
    </time>
  );
}

/**
 * Live changes to the tickets shown, or new tickets at the top of the list, counted (not applied)
 * until the agent asks: `probe` reads the list's first page again to see what is new there.
 */
function useAnnouncedChanges(shown: Ticket[], probe: () => Promise<Page<Ticket>>) {
  const [changed, setChanged] = useState<Set<number>>(new Set());
  // the agent's own changes are not news to them
  const quietUntil = useRef(new Map<number, number>());
  const latest = useRef({ shown, probe });
  latest.current = { shown, probe };
  useEffect(() => {
    const pending = new Set<number>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      timer = undefined;
      const numbers = [...pending];
      pending.clear();
      const onList = new Set(latest.current.shown.map((t) => t.number));
      let fresh = new Set<number>();
      try {
        fresh = new Set((await latest.current.probe()).items.map((t) => t.number));
      } catch {
        // the announcement can wait for the next change
      }
      const concerned = numbers.filter((n) => onList.has(n) || fresh.has(n));
      if (concerned.length > 0) setChanged((old) => new Set([...old, ...concerned]));
    };
    const off = onTicketChange((ticket) => {
      if ((quietUntil.current.get(ticket) ?? 0) > Date.now()) return;
      pending.add(ticket);
      timer ??= setTimeout(check, 1_000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return {
    count: changed.size,
    clear: () => setChanged(new Set()),
    quiet: (numbers: number[], ms = 5_000) => {
      for (const n of numbers) quietUntil.current.set(n, Date.now() + ms);
    },
  };
}
