import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, type ItemOf, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';
import { SecuritySettings } from './security-settings.js';

type AuditPage = ResponseOf<'/api/v1/audit-events', 'get'>;
type AuditEvent = ItemOf<AuditPage>;
type Category = NonNullable<AuditEvent['category']> | 'all';

const CATEGORIES: { value: Category; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'sign-in', label: 'Sign-ins and passwords' },
  { value: 'two-factor', label: 'Two-factor' },
  { value: 'people', label: 'Accounts and roles' },
  { value: 'tokens', label: 'API tokens' },
  { value: 'settings', label: 'Admin settings' },
];

/** The start of a day in the viewer's zone, as an instant for the API. */
const dayStart = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** The admins' security page: the sign-in rule, and the audit log of what happened outside tickets. */
export function SecurityPage() {
  const [category, setCategory] = useState<Category>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = new URLSearchParams({ category });
  if (from) filter.set('since', dayStart(from));
  if (to) filter.set('until', dayStart(to, 1));
  const query = filter.toString();
  const list = useInfiniteQuery({
    queryKey: ['audit-events', query],
    queryFn: ({ pageParam }) =>
      get<AuditPage>(`/api/v1/audit-events?${query}&limit=50${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    // a log is read for what just happened: never the copy from the last visit
    refetchOnMount: 'always',
  });
  const events = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1>Security</h1>
      <SecuritySettings />
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <p className="muted">
          Who signed in or failed to, accounts and roles, two-factor, API tokens (their first use after an hour's quiet)
          and admin settings. What happens on a ticket is in that ticket's history.
        </p>
        <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            Show{' '}
            <select value={category} onChange={(e) => setCategory(e.target.value as Category)}>
              {CATEGORIES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            From <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
          <a href={`/api/v1/audit-events?${query}&format=csv`} download>
            Export CSV
          </a>
        </form>
        {list.isPending && <Loading what="the audit log" />}
        <ErrorText error={list.error} />
        {list.isSuccess && events.length === 0 && (
          <Empty title="Nothing recorded">Nothing matches these filters.</Empty>
        )}
        {events.length > 0 && (
          <div className="table-scroll">
            <table className="tickets">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatTime(e.at)}</td>
                    <td>
                      {e.actor.name}
                      {e.actor.kind !== 'agent' && <span className="muted"> ({e.actor.kind})</span>}
                    </td>
                    <td>{e.action}</td>
                    <td>{details(e.data)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.hasNextPage && (
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading…' : 'Older events'}
          </button>
        )}
      </section>
    </>
  );
}

/** An event's data in words: "role: agent → lead", "reason: wrong password". */
function details(data: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => {
    if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
      parts.push(`${key}: ${text(value.from)} → ${text(value.to)}`);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) add(k, v);
    } else parts.push(`${key}: ${text(value)}`);
  };
  for (const [key, value] of Object.entries(data)) add(key, value);
  return parts.join('; ');
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
