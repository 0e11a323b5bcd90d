import { useQuery } from '@tanstack/react-query';
import { get, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';

// The customer's rating of each solve, small, beside the ticket: nothing until they rate. A bad one
// told the leads; reopening is the status above.

type TicketRatings = ResponseOf<'/api/v1/tickets/{number}/csat', 'get'>;

export function RatingPanel({ number }: { number: number }) {
  const ratings = useQuery({
    queryKey: ['csat-ticket', number],
    queryFn: () => get<TicketRatings>(`/api/v1/tickets/${number}/csat`),
  });
  const items = ratings.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="rating-title" className="panel ticket-rating">
      <h2 id="rating-title">Customer rating</h2>
      <ul>
        {items.map((r) => (
          <li key={r.solvedAt} className="rating-entry">
            <strong className={`rating-word is-${r.rating}`}>{r.rating === 'good' ? 'Good' : 'Bad'}</strong>{' '}
            <span className="muted small">
              · solved {formatTime(r.solvedAt)}
              {r.agent ? ` by ${r.agent.name}` : ''}
            </span>
            {r.comment && (
              <p className="small">
                <q>{r.comment}</q>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
