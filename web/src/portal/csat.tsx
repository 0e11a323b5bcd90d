import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, get } from '../shared/api.js';
import { useSessionQuery } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { type RateInput, type Rating, RatingForm, type RatingView, rateUrl } from './rating.js';

// The page a rating link opens (/csat/:token, from the solved mail): no sign-in, the signed link is
// the key. The mail's Good and Bad links name the rating: it is recorded on arrival, so one click in
// the mail is enough (the page records it, not the link's GET: a mail scanner that only fetches
// links does not rate).

export function RatingPage() {
  const token = useParams().token ?? '';
  const [search] = useSearchParams();
  const asked = search.get('rating');
  const clicked: Rating | null = asked === 'good' || asked === 'bad' ? asked : null;
  const client = useQueryClient();
  const view = useQuery({ queryKey: ['csat', token], queryFn: () => get<RatingView>(rateUrl(token)), retry: false });
  const rate = useMutation({
    mutationFn: (input: RateInput) => api<RatingView>('POST', rateUrl(token), input),
    onSuccess: (data) => client.setQueryData(['csat', token], data),
  });
  // the rating the mail's link named, recorded once on arrival
  const recorded = useRef(false);
  useEffect(() => {
    if (recorded.current || !clicked || !view.data?.open) return;
    recorded.current = true;
    if (view.data.rating !== clicked) rate.mutate({ rating: clicked });
  }, [clicked, view.data, rate]);
  const session = useSessionQuery();
  const contact = session.data?.actor.kind === 'contact';

  return (
    <div className="portal">
      <header className="top">
        <span className="brand">Support</span>
      </header>
      <main className="page csat-page" id="main">
        {view.isPending && <Loading what="your ticket" />}
        {view.isError && (
          <>
            <h1>This rating link cannot be used</h1>
            <ErrorText error={view.error} />
            <p>
              <Link to="/portal">Your tickets</Link>
            </p>
          </>
        )}
        {view.data && (
          <section aria-labelledby="csat-title">
            <h1 id="csat-title">How did we do?</h1>
            <p>
              Your ticket <span className="muted">#{view.data.ticket.number}</span>{' '}
              <strong>{view.data.ticket.subject}</strong> is solved.
            </p>
            <RatingForm view={view.data} onRate={rate.mutate} pending={rate.isPending} error={rate.error} />
            <p className="muted small">
              {contact ? (
                <Link to={`/portal/tickets/${view.data.ticket.number}`}>Back to your ticket</Link>
              ) : (
                'Still not right? Reply to our mail and the ticket opens again.'
              )}
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
