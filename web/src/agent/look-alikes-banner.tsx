import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type ResponseOf } from '../shared/api.js';
import { ErrorText, StatusBadge } from '../shared/ui.js';
import { suggestionsKey } from './issue-suggestions.js';

// The same failure from several organizations at once is a product problem, not one customer's: the
// banner says so on top of the ticket, and links them all to one issue in one go.

type LookAlikes = ResponseOf<'/api/v1/tickets/{number}/look-alikes', 'get'>;
type Linked = ResponseOf<'/api/v1/tickets/{number}/look-alikes/link', 'post'>;

interface Props {
  number: number;
  onLinked: () => Promise<unknown>;
}

/** Keyed by the ticket: the address typed and the results belong to one ticket. */
export function LookAlikesBanner(props: Props) {
  return <Banner key={props.number} {...props} />;
}

function Banner({ number, onLinked }: Props) {
  const client = useQueryClient();
  const lookAlikes = useQuery({
    queryKey: ['look-alikes', number],
    queryFn: () => get<LookAlikes>(`/api/v1/tickets/${number}/look-alikes`),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const listId = useId();
  const data = lookAlikes.data;
  const unlinked = (data?.tickets ?? []).filter((t) => !t.linked).map((t) => t.number);
  const linkAll = useMutation({
    mutationFn: () =>
      api<Linked>('POST', `/api/v1/tickets/${number}/look-alikes/link`, { url: url.trim(), tickets: unlinked }),
    onSuccess: async () => {
      setUrl('');
      await Promise.all([
        onLinked(),
        client.invalidateQueries({ queryKey: ['look-alikes', number] }),
        client.invalidateQueries({ queryKey: suggestionsKey(number) }),
      ]);
    },
  });

  if (!data || data.tickets.length < 1 || data.organizations < 2) return null;
  const count = data.tickets.length + 1; // this ticket too
  const result = linkAll.data;
  return (
    <section className="banner look-alikes" aria-labelledby="look-alikes-title">
      <p id="look-alikes-title" className="look-alikes-title">
        {count} tickets from {data.organizations} organizations look like this one
      </p>
      {data.because && (
        <p className="small look-alikes-because">
          <span className="muted">The same failure:</span> <code>{data.because}</code>
        </p>
      )}
      <button
        type="button"
        className="link small"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide' : 'Show'} the other {data.tickets.length === 1 ? 'ticket' : `${data.tickets.length} tickets`}
      </button>
      {open && (
        <ul id={listId} className="look-alike-list">
          {data.tickets.map((t) => (
            <li key={t.number}>
              <Link to={`/tickets/${t.number}`}>#{t.number}</Link> {t.subject}
              <span className="look-alike-meta small">
                <span className="muted">{t.organization?.name ?? 'no organization'}</span>{' '}
                <StatusBadge status={t.status} />{' '}
                {t.linked ? (
                  <span className="badge">linked</span>
                ) : (
                  <span className="badge not-linked">not linked</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="look-alikes-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) linkAll.mutate();
        }}
      >
        <label>
          Link all to an issue
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://gitlab.com/group/project/-/issues/1"
          />
        </label>
        <button type="submit" className="small" disabled={linkAll.isPending || !url.trim()}>
          Link all
        </button>
      </form>
      <ErrorText error={linkAll.error} />
      <div role="status" className="small">
        {result && result.linked.length > 0 && (
          <p>Linked {result.linked.map((n) => `#${n}`).join(', ')}: each customer is told.</p>
        )}
        {result && result.linked.length === 0 && result.failed.length === 0 && <p>Nothing was left to link.</p>}
      </div>
      {result && result.failed.length > 0 && (
        <ul className="look-alikes-failed small" aria-label="Not linked">
          {result.failed.map((f) => (
            <li key={f.number} className="error">
              #{f.number} was not linked: {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
