import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

// The ticket's "Suggested issues": the public issues it may belong to, each with the reasons. Opening
// the ticket sends nothing to the forges: the agent sees the terms a search would send and asks for it,
// and then sees exactly what left the desk, so they can judge what was shared.

type Suggestions = ResponseOf<'/api/v1/tickets/{number}/issue-suggestions', 'get'>;
type Suggestion = Suggestions['items'][number];
type Signature = Suggestions['signature'];
type ForgeQuery = Suggestions['planned'][number];

export const suggestionsKey = (number: number) => ['suggestions', number] as const;

const refOf = (s: Pick<Suggestion, 'project' | 'number'>) => `${s.project}#${s.number}`;
const whereOf = (q: ForgeQuery) => `${q.forgeName} (${q.project})`;
const sameQuery = (a: ForgeQuery, b: ForgeQuery) =>
  a.forgeName === b.forgeName && a.project === b.project && a.query === b.query;

/** The queries per forge and project, in the order the server gave them. */
function byProject(queries: ForgeQuery[]): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  for (const q of queries) grouped.set(whereOf(q), [...(grouped.get(whereOf(q)) ?? []), q.query]);
  return [...grouped];
}

interface Props {
  number: number;
  onLinked: () => Promise<unknown>;
}

/** Keyed by the ticket: what was linked, dismissed or said on one ticket stays with it. */
export function IssueSuggestions(props: Props) {
  return <SuggestionsPanel key={props.number} {...props} />;
}

function SuggestionsPanel({ number, onLinked }: Props) {
  const client = useQueryClient();
  const suggestions = useQuery({
    queryKey: suggestionsKey(number),
    queryFn: () => get<Suggestions>(`/api/v1/tickets/${number}/issue-suggestions`),
    // our own history and forge answers kept from a search asked for here: nothing leaves the desk
    staleTime: 10 * 60_000,
    refetchInterval: false,
    refetchOnWindowFocus: false,
  });
  // what was linked or dismissed leaves the list at once, before the suggestions come back
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState('');
  const settle = async (url: string, message: string) => {
    setGone((old) => new Set(old).add(url));
    setSaid(message);
    await client.invalidateQueries({ queryKey: suggestionsKey(number) });
  };
  const link = useMutation({
    mutationFn: (s: Suggestion) => api('POST', `/api/v1/tickets/${number}/links`, { url: s.url }),
    onSuccess: async (_, s) => {
      await Promise.all([
        onLinked(),
        client.invalidateQueries({ queryKey: ['links', number] }),
        settle(s.url, `Linked ${refOf(s)}: it is under Linked issues now.`),
      ]);
    },
  });
  const dismiss = useMutation({
    mutationFn: (s: Suggestion) =>
      api('POST', `/api/v1/tickets/${number}/issue-suggestions/dismissals`, { url: s.url }),
    onSuccess: (_, s) => settle(s.url, `${refOf(s)} is not suggested on this ticket again.`),
  });
  // the only way anything reaches the forges: the agent saw the planned terms and asked
  const search = useMutation({
    mutationFn: () => api<Suggestions>('POST', `/api/v1/tickets/${number}/issue-suggestions/search`),
    onSuccess: (answer) => client.setQueryData(suggestionsKey(number), answer),
  });

  const data = suggestions.data;
  const items = (data?.items ?? []).filter((s) => !gone.has(s.url));
  const busy = link.isPending || dismiss.isPending;
  const unsent = (data?.planned ?? []).filter((p) => !data?.sent.some((s) => sameQuery(p, s)));
  return (
    <section aria-labelledby="suggestions-title" className="panel suggestions" aria-busy={suggestions.isPending}>
      <h2 id="suggestions-title">Suggested issues</h2>
      {suggestions.isPending && (
        <p className="muted small" aria-live="polite">
          Looking through our linked tickets…
        </p>
      )}
      <ErrorText error={suggestions.error} />
      {data && (
        <>
          {unsent.length > 0 && (
            <PlannedSearch
              planned={unsent}
              searching={search.isPending}
              error={search.error}
              onSearch={() => search.mutate()}
            />
          )}
          <SentToForges sent={data.sent} />
          <SignatureFound signature={data.signature} customerVersion={data.customerVersion} />
          {data.notes.length > 0 && (
            <ul className="suggestion-notes small muted">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {items.length === 0 ? (
            <p className="muted">
              {data.sent.length > 0
                ? "No suggestions: nothing in this ticket matched our linked tickets or the forges' search."
                : 'No suggestions: nothing in this ticket matched our linked tickets.'}
            </p>
          ) : (
            <ul className="suggestion-list">
              {items.map((s) => (
                <li key={s.key} className="suggestion" aria-label={`Suggestion ${refOf(s)}`}>
                  <p className="suggestion-head">
                    <span className="muted small">{s.forgeName}</span>{' '}
                    <a href={s.url} target="_blank" rel="noopener noreferrer">
                      {refOf(s)}
                    </a>{' '}
                    <span className="suggestion-title">{s.title}</span>
                  </p>
                  <p className="suggestion-badges">
                    <span className={`badge issue-${s.state}`}>{s.state}</span>
                    {s.fixedIn && <span className="badge fixed-in">fixed in {s.fixedIn}</span>}
                    {s.linkedTickets > 0 && (
                      <span className="badge">
                        {s.linkedTickets} {s.linkedTickets === 1 ? 'ticket' : 'tickets'} linked
                      </span>
                    )}
                  </p>
                  {s.reasons.length > 0 && (
                    <ul className="suggestion-reasons small">
                      {s.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  )}
                  <div className="button-row">
                    <button
                      type="button"
                      className="small"
                      aria-label={`Link ${refOf(s)}`}
                      disabled={busy}
                      onClick={() => link.mutate(s)}
                    >
                      Link
                    </button>
                    <button
                      type="button"
                      className="small secondary"
                      aria-label={`Not this one: ${refOf(s)}`}
                      disabled={busy}
                      onClick={() => dismiss.mutate(s)}
                    >
                      Not this one
                    </button>
                  </div>
                  {link.variables?.url === s.url && <ErrorText error={link.error} />}
                  {dismiss.variables?.url === s.url && <ErrorText error={dismiss.error} />}
                </li>
              ))}
            </ul>
          )}
          {data.dismissed > 0 && (
            <p className="muted small">
              {data.dismissed} {data.dismissed === 1 ? 'suggestion was' : 'suggestions were'} dismissed on this ticket.
            </p>
          )}
        </>
      )}
      <p role="status" className="small">
        {said}
      </p>
    </section>
  );
}

/** What a search would send, before anything is sent; the agent decides whether it leaves the desk. */
function PlannedSearch(props: { planned: ForgeQuery[]; searching: boolean; error: unknown; onSearch: () => void }) {
  const forges = [...new Set(props.planned.map((p) => p.forgeName))];
  const label = forges.length === 1 ? `Search ${forges[0]} for these terms` : 'Search the forges';
  return (
    <div className="suggestion-planned" aria-busy={props.searching}>
      <ul className="suggestion-queries small">
        {byProject(props.planned).map(([where, queries]) => (
          <li key={where}>
            Search {where} for:{' '}
            <ul>
              {queries.map((q) => (
                <li key={q}>
                  <code>{q}</code>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="small" disabled={props.searching} onClick={props.onSearch}>
          {label}
        </button>
        {props.searching && (
          <span className="muted small" aria-live="polite">
            Searching {forges.length === 1 ? forges[0] : 'the forges'}…
          </span>
        )}
      </div>
      <ErrorText error={props.error} />
    </div>
  );
}

/** Exactly what left the desk: the forge, the project and the words, as sent (one search a line). */
function SentToForges({ sent }: { sent: Suggestions['sent'] }) {
  // nothing sent, nothing to say: the planned search above says what would go
  if (sent.length === 0) return null;
  return (
    <ul className="suggestion-sent small">
      {byProject(sent).map(([where, queries]) => (
        <li key={where}>
          Sent to {where}:{' '}
          <ul>
            {queries.map((q) => (
              <li key={q}>
                <code>{q}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** What the desk read in the ticket: the failure it matches on, and the versions. */
function SignatureFound({ signature, customerVersion }: { signature: Signature; customerVersion: string | null }) {
  const rows: [string, string[]][] = [
    ['Exceptions', signature.exceptions.map((e) => (e.message ? `${e.errorClass}: ${e.message}` : e.errorClass))],
    ['Failing requests', signature.requests],
    ['Jobs', signature.jobs],
    ['SQLSTATE', signature.postgresCodes],
    ['Versions', signature.versions],
    ["Customer's version", customerVersion ? [customerVersion] : []],
  ];
  const found = rows.filter(([, values]) => values.length > 0);
  if (found.length === 0) return <p className="muted small">No error signature found in this ticket.</p>;
  return (
    <dl className="suggestion-signature small" aria-label="Signature found in this ticket">
      {found.map(([label, values]) => (
        <div key={label}>
          <dt>{label}</dt>
          {values.map((v) => (
            <dd key={v}>
              <code>{v}</code>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
