import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { get } from '../shared/api.js';
import { Empty, ErrorText, Loading, StatusBadge } from '../shared/ui.js';

interface Hit {
  ticket: { number: number; subject: string; status: string };
  highlights: { subject?: string | null; message?: string | null };
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => get<{ items: Hit[] }>(`/api/v1/search?q=${encodeURIComponent(q)}&limit=25`),
    enabled: q.length > 0,
    refetchInterval: false,
  });
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search: {q}</h1>
      {results.isPending && q && <Loading what="results" />}
      <ErrorText error={results.error} />
      {results.data?.items.length === 0 && (
        <Empty title="No ticket matches">
          <p>Try fewer words, an error code or a host name.</p>
        </Empty>
      )}
      <ol className="hits">
        {results.data?.items.map((hit) => (
          <li key={hit.ticket.number}>
            <Link to={`/tickets/${hit.ticket.number}`}>
              #{hit.ticket.number}{' '}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the desk escapes excerpts and adds only <mark> */}
              <span dangerouslySetInnerHTML={{ __html: hit.highlights.subject ?? hit.ticket.subject }} />
            </Link>{' '}
            <StatusBadge status={hit.ticket.status} />
            {hit.highlights.message && (
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the desk escapes excerpts and adds only <mark>
              <p className="excerpt" dangerouslySetInnerHTML={{ __html: hit.highlights.message }} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
