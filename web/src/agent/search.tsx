import { useInfiniteQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, type Page, type Ticket } from '../shared/api.js';
import { fromNow } from '../shared/format.js';
import { Empty, ErrorText, Loading, PriorityBadge, StatusBadge } from '../shared/ui.js';
import { apiFilterValue, FILTER_KEYS, FilterFields, type FilterKey } from './ticket-filters.js';

// Search finds what the agent means: `#253` (that ticket first), an email, a person's or an
// organization's name, an issue URL or `!7` — then ranked full text. Filters and the query live in
// the URL; results come a page at a time.

interface Hit {
  ticket: Ticket;
  rank: number | null;
  match: { kind: 'number' | 'requester' | 'cc' | 'organization' | 'link' | 'text'; label: string | null };
  highlights: { subject: string; message: string | null };
}

const PAGE = 25;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const filters = FILTER_KEYS.flatMap((key) => {
    const value = params.get(key);
    return value ? [[key, apiFilterValue(key, value)] as [string, string]] : [];
  });
  const url = (cursor?: string) => {
    const query = new URLSearchParams([['q', q], ...filters, ['limit', String(PAGE)]]);
    if (cursor) query.set('cursor', cursor);
    return `/api/v1/search?${query}`;
  };
  const results = useInfiniteQuery({
    queryKey: ['search', q, filters],
    queryFn: ({ pageParam }) => get<Page<Hit>>(url(pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.length > 0,
    refetchInterval: false,
    refetchOnWindowFocus: false,
  });
  const hits = results.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: FilterKey | 'q', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key !== 'q' });
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set('q', String(new FormData(event.currentTarget).get('q') ?? '').trim());
  }
  const filtered = FILTER_KEYS.some((key) => params.get(key));

  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title">Search{q ? `: ${q}` : ''}</h1>
      <form className="inline-form search-form" aria-label="Search again" onSubmit={submit}>
        <label className="field">
          <span>Find</span>
          <input name="q" type="search" key={q} defaultValue={q} size={30} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p className="muted small">
        A ticket number (#253), an email, a person’s or organization’s name, an issue URL or !7 — or words from the
        conversation ("a phrase", -without).
      </p>
      <details className="search-filters" open={filtered}>
        <summary>Filters{filtered ? ' (on)' : ''}</summary>
        <fieldset className="inline-form">
          <legend className="visually-hidden">Narrow the results</legend>
          <FilterFields idPrefix="search" value={(key) => params.get(key) ?? ''} set={set} />
        </fieldset>
      </details>
      {results.isPending && q && <Loading what="results" />}
      <ErrorText error={results.error} />
      {results.isSuccess && hits.length === 0 && (
        <Empty title="No ticket matches">
          <p>
            {filtered
              ? 'Try without some of the filters.'
              : 'Try fewer words, an error code, a host name or the customer’s email.'}
          </p>
        </Empty>
      )}
      {hits.length > 0 && (
        <ol className="hits" aria-label="Results">
          {hits.map((hit) => (
            <li key={hit.ticket.number} className={`hit match-${hit.match.kind}`}>
              <Link to={`/tickets/${hit.ticket.number}`}>
                #{hit.ticket.number}{' '}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the desk escapes excerpts and adds only <mark> */}
                <span dangerouslySetInnerHTML={{ __html: hit.highlights.subject }} />
              </Link>{' '}
              <StatusBadge status={hit.ticket.status} /> <PriorityBadge priority={hit.ticket.priority} />
              <p className="hit-meta small">
                {hit.match.kind !== 'text' && hit.match.label && <span className="match">{hit.match.label}</span>}
                <span className="muted">
                  {hit.ticket.requester?.name ?? hit.ticket.requester?.email ?? ''}
                  {hit.ticket.organization ? ` · ${hit.ticket.organization.name}` : ''} · updated{' '}
                  {fromNow(hit.ticket.updatedAt)}
                </span>
              </p>
              {hit.highlights.message && (
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the desk escapes excerpts and adds only <mark>
                <p className="excerpt" dangerouslySetInnerHTML={{ __html: hit.highlights.message }} />
              )}
            </li>
          ))}
        </ol>
      )}
      {results.hasNextPage && (
        <button type="button" onClick={() => results.fetchNextPage()} disabled={results.isFetchingNextPage}>
          {results.isFetchingNextPage ? 'Loading…' : 'More results'}
        </button>
      )}
    </section>
  );
}
