import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { viewerZone } from '../shared/format.js';
import { ErrorText } from '../shared/ui.js';

// How did we do? A solved ticket's rating, good or bad with a comment, as the rating link's page
// (csat.tsx) and the ticket in the portal show it.

export type RatingView = ResponseOf<'/api/v1/csat/{token}', 'get'>;
export type Rating = 'good' | 'bad';
export interface RateInput {
  rating: Rating;
  comment?: string;
}

export const rateUrl = (token: string) => `/api/v1/csat/${encodeURIComponent(token)}`;

/** On a solved ticket in the portal: the requester's rating of the latest solve. */
export function PortalRating({ number, status }: { number: number; status: string }) {
  const client = useQueryClient();
  const done = status === 'solved' || status === 'closed';
  const ratings = useQuery({
    queryKey: ['csat-ticket', number],
    queryFn: () => get<ResponseOf<'/api/v1/tickets/{number}/csat', 'get'>>(`/api/v1/tickets/${number}/csat`),
    enabled: done,
  });
  const current = ratings.data?.current;
  const rate = useMutation({
    mutationFn: (input: RateInput) => api<RatingView>('POST', rateUrl(current?.token ?? ''), input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['csat-ticket', number] }),
  });
  if (!done || !current) return null;
  return (
    <section aria-labelledby="portal-csat-title" className="portal-csat">
      <h2 id="portal-csat-title">How did we do?</h2>
      <RatingForm view={current} onRate={rate.mutate} pending={rate.isPending} error={rate.error} />
    </section>
  );
}

export function RatingForm({
  view,
  onRate,
  pending,
  error,
}: {
  view: RatingView;
  onRate: (input: RateInput) => void;
  pending: boolean;
  error: unknown;
}) {
  const [comment, setComment] = useState(view.comment ?? '');
  const [editing, setEditing] = useState(false);
  const rating = view.rating;
  function send(event: FormEvent) {
    event.preventDefault();
    if (rating) onRate({ rating, comment });
    setEditing(false);
  }
  return (
    <div className="csat">
      <fieldset className="csat-choices">
        <legend className="visually-hidden">Your rating</legend>
        {(['good', 'bad'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className={`csat-choice csat-${choice}`}
            aria-pressed={rating === choice}
            disabled={!view.open || pending}
            onClick={() => onRate({ rating: choice })}
          >
            {choice === 'good' ? 'Good' : 'Bad'}
          </button>
        ))}
      </fieldset>
      <p role="status" className="csat-thanks">
        {rating && !pending
          ? `Thank you! You rated this ${rating}${rating === 'bad' ? ': our team lead will look into it' : ''}.`
          : ''}
      </p>
      {view.comment && !editing && (
        <p className="csat-comment">
          Your comment: <q>{view.comment}</q>
          {view.open && (
            <>
              {' '}
              <button type="button" className="link small" onClick={() => setEditing(true)}>
                Change
              </button>
            </>
          )}
        </p>
      )}
      {rating && view.open && (!view.comment || editing) && (
        <form onSubmit={send} className="csat-comment-form">
          <label htmlFor="csat-comment">
            {rating === 'bad' ? 'What went wrong? (optional)' : 'Anything to add? (optional)'}
          </label>
          <textarea
            id="csat-comment"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <div>
            <button type="submit" disabled={pending || comment.trim() === (view.comment ?? '')}>
              Send comment
            </button>
          </div>
        </form>
      )}
      <ErrorText error={error} />
      <p className="muted small">
        {view.open
          ? `${rating ? 'You can change your rating' : 'You can rate this'} until ${day(view.openUntil)}.`
          : rating
            ? 'This rating can no longer be changed.'
            : 'This ticket can no longer be rated.'}
      </p>
    </div>
  );
}

function day(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: viewerZone }).format(new Date(iso));
}
