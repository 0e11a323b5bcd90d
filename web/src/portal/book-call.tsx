import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get } from '../shared/api.js';
import { BookingError, type Call, callWhen, type Offer, type SlotLike, SlotPicker } from '../shared/calls.js';
import { viewerZone } from '../shared/format.js';
import { useSessionQuery } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';

// A booking link from a ticket (/book/:token), opened by whoever got it by mail: no sign-in, the
// signed link is the permission. Free times in the browser's zone, named; one click picks a time,
// another books it.

export function BookCallPage() {
  const token = useParams().token ?? '';
  const offer = useQuery({
    queryKey: ['call-offer', token],
    queryFn: () => get<Offer>(`/api/v1/call-offers/${encodeURIComponent(token)}`),
    retry: false,
    refetchInterval: 30_000,
  });
  // signed in to the portal already: the confirmation links to the ticket
  const session = useSessionQuery();
  const [picked, setPicked] = useState<SlotLike | null>(null);
  const book = useMutation({
    mutationFn: (slot: SlotLike) =>
      api<Call>('POST', `/api/v1/call-offers/${encodeURIComponent(token)}/calls`, {
        start: slot.start,
        zone: viewerZone,
      }),
    onError: () => offer.refetch(),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (picked) book.mutate(picked);
  }
  const contact = session.data?.actor.kind === 'contact';
  // one engineer: named once; several (round robin): each time names its own
  const hosts = new Set(offer.data?.slots.map((s) => s.agent.name) ?? []);

  return (
    <div className="portal">
      <header className="top">
        <span className="brand">Support</span>
      </header>
      <main className="page book-page" id="main">
        {offer.isPending && <Loading what="the free times" />}
        {offer.isError && (
          <>
            <h1>This booking link cannot be used</h1>
            <ErrorText error={offer.error} />
            <p>
              <Link to="/portal">Your tickets</Link>
            </p>
          </>
        )}
        {offer.data && book.data && (
          <section aria-labelledby="booked-title" className="booked">
            <h1 id="booked-title">Your call is booked</h1>
            <p className="booked-when" role="status">
              <strong>{callWhen(book.data.start, book.data.end, viewerZone)}</strong> with {book.data.agent.name}
            </p>
            <p>You will get an invitation by email, with the link to join the call.</p>
            {book.data.videoUrl && (
              <p>
                At that time:{' '}
                <a href={book.data.videoUrl} target="_blank" rel="noreferrer">
                  Join the call
                </a>
              </p>
            )}
            <p>
              {contact ? (
                <Link to={`/portal/tickets/${offer.data.ticket.number}`}>See it on your ticket</Link>
              ) : (
                <>
                  To move or cancel it, sign in to <Link to="/portal">your tickets</Link>.
                </>
              )}
            </p>
          </section>
        )}
        {offer.data && !book.data && (
          <form onSubmit={submit} aria-labelledby="book-title" className="book-form">
            <h1 id="book-title">Book a call</h1>
            <p>
              About your ticket <span className="muted">#{offer.data.ticket.number}</span>{' '}
              <strong>{offer.data.ticket.subject}</strong>
            </p>
            <p>
              {offer.data.type.name}, {offer.data.type.durationMinutes} minutes
              {hosts.size === 1 ? `, with ${[...hosts][0]}` : ''}.
            </p>
            <p className="zone-note">Times shown in {viewerZone}</p>
            <SlotPicker
              slots={offer.data.slots}
              zone={viewerZone}
              picked={picked?.start ?? null}
              onPick={setPicked}
              showHost={hosts.size > 1}
              label="Free times"
            />
            <div className="book-actions">
              <button type="submit" disabled={!picked || book.isPending}>
                {picked ? `Book ${callWhen(picked.start, picked.end, viewerZone)}` : 'Pick a time to book'}
              </button>
            </div>
            <BookingError error={book.error} zone={viewerZone} onPick={setPicked} />
            <p className="muted small">
              This link works until {callWhenDay(offer.data.expiresAt)}. Another time later? Reply on your ticket.
            </p>
          </form>
        )}
      </main>
    </div>
  );
}

function callWhenDay(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: viewerZone }).format(new Date(iso));
}
