import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type Message, type ResponseOf, type Ticket } from '../shared/api.js';
import {
  BookingError,
  CALL_NOTES_TEMPLATE,
  type Call,
  CallStatus,
  CallsList,
  type CallType,
  CancelForm,
  callWhen,
  MoveForm,
  type SlotLike,
  SlotPicker,
  useSlots,
} from '../shared/calls.js';
import { formatTime, viewerZone } from '../shared/format.js';
import { ErrorText, Loading } from '../shared/ui.js';

// The ticket's calls, beside the conversation: what is booked (in the agent's zone), offering times
// by a link, booking for a customer on the phone, moving and cancelling, and after the call its
// outcome: notes from a template, or a no-show (the customer is sent a link to book again).

type Offered = ResponseOf<'/api/v1/tickets/{number}/call-offers', 'post', 201>;

const callsKey = (number: number) => ['calls', number];

export function CallsPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: () => Promise<unknown> }) {
  const number = ticket.number;
  const client = useQueryClient();
  const calls = useQuery({
    queryKey: callsKey(number),
    queryFn: () => get<{ items: Call[] }>(`/api/v1/tickets/${number}/calls`),
  });
  const types = useQuery({
    queryKey: ['call-types', 'ticket', number],
    queryFn: () => get<{ items: CallType[] }>(`/api/v1/tickets/${number}/call-types`),
    staleTime: 60_000,
  });
  const changed = () => Promise.all([client.invalidateQueries({ queryKey: callsKey(number) }), onChanged()]);
  const [typeId, setTypeId] = useState('');
  const [booking, setBooking] = useState(false);
  const [done, setDone] = useState('');
  const offer = useMutation({
    mutationFn: (type: string) => api<Offered>('POST', `/api/v1/tickets/${number}/call-offers`, { type }),
    onSuccess: async () => {
      setDone('');
      await onChanged();
    },
  });
  const typeList = types.data?.items ?? [];
  const type = typeList.find((t) => t.id === typeId) ?? typeList[0];
  const closed = ticket.status === 'closed';
  const items = calls.data?.items ?? [];

  return (
    <section aria-labelledby="calls-title" className="panel calls-panel">
      <h2 id="calls-title">Calls</h2>
      {calls.isPending && <Loading what="calls" />}
      <ErrorText error={calls.error} />
      {calls.data && items.length === 0 && <p className="muted">No calls on this ticket yet.</p>}
      <CallsList
        calls={items}
        label="Calls on this ticket"
        item={(c) => <CallItem key={c.id} call={c} number={number} onChanged={changed} onSaid={setDone} />}
      />
      <p role="status" className="call-said">
        {done}
      </p>
      {!closed && types.data && typeList.length === 0 && (
        <p className="muted small">
          No call types yet: an admin adds them under <Link to="/admin/call-types">Call types</Link>.
        </p>
      )}
      {!closed && type && (
        <div className="call-start">
          {typeList.length > 1 ? (
            <label>
              Call type
              <select value={type.id} onChange={(e) => setTypeId(e.target.value)}>
                {typeList.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.durationMinutes} min)
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="small">
              {type.name}, {type.durationMinutes} minutes
            </p>
          )}
          <div className="call-buttons">
            <button
              type="button"
              className="small"
              disabled={offer.isPending}
              onClick={() => offer.mutate(type.id)}
              title="Posts a booking link in the thread; the customer gets it by mail"
            >
              Offer times
            </button>
            <button
              type="button"
              className="small secondary"
              aria-expanded={booking}
              onClick={() => setBooking(!booking)}
            >
              Book a call
            </button>
          </div>
          {offer.data && (
            <p className="notice offered" role="status">
              Booking link posted in the thread and mailed to the customer:{' '}
              <a href={offer.data.url} target="_blank" rel="noreferrer">
                {offer.data.url}
              </a>{' '}
              (valid until {formatTime(offer.data.expiresAt)}).
            </p>
          )}
          <ErrorText error={offer.error} />
          {booking && (
            <BookForm
              key={type.id}
              number={number}
              type={type}
              onBooked={async (call) => {
                setBooking(false);
                offer.reset();
                setDone(`Call booked: ${callWhen(call.start, call.end, viewerZone)} with ${call.agent.name}.`);
                await changed();
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

/** Booking for a customer on the phone: a free time now, the host of that time. */
function BookForm({
  number,
  type,
  onBooked,
}: {
  number: number;
  type: CallType;
  onBooked: (call: Call) => Promise<unknown>;
}) {
  const client = useQueryClient();
  const slots = useSlots(number, type.id);
  const [picked, setPicked] = useState<SlotLike | null>(null);
  const book = useMutation({
    mutationFn: (slot: SlotLike) =>
      api<Call>('POST', `/api/v1/tickets/${number}/calls`, {
        type: type.id,
        start: slot.start,
        ...(slot.agent.email ? { agentEmail: slot.agent.email } : {}),
      }),
    onSuccess: onBooked,
    onError: () => client.invalidateQueries({ queryKey: ['call-slots', number, type.id] }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (picked) book.mutate(picked);
  }
  return (
    <form className="call-form" onSubmit={submit} aria-label={`Book a ${type.name} call`}>
      <p className="small muted">Times in {viewerZone}; the customer is invited by email.</p>
      {slots.isPending && <Loading what="free times" />}
      <ErrorText error={slots.error} />
      {slots.data && (
        <SlotPicker
          slots={slots.data}
          zone={viewerZone}
          picked={picked?.start ?? null}
          onPick={setPicked}
          showHost={type.hosts === 'round-robin'}
          label={`Free times for ${type.name}`}
        />
      )}
      <button type="submit" className="small" disabled={!picked || book.isPending}>
        {picked ? `Book ${callWhen(picked.start, picked.end, viewerZone)}` : 'Pick a time to book'}
      </button>
      <BookingError error={book.error} zone={viewerZone} onPick={setPicked} />
    </form>
  );
}

type Open = 'move' | 'cancel' | 'done' | null;

function CallItem({
  call,
  number,
  onChanged,
  onSaid: setSaid,
}: {
  call: Call;
  number: number;
  onChanged: () => Promise<unknown>;
  /** what was done, said once for the whole panel */
  onSaid: (text: string) => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const when = callWhen(call.start, call.end, viewerZone);
  // the desk refuses an outcome before the start and a move after it
  const started = Date.parse(call.start) <= Date.now();
  const booked = call.status === 'booked';
  const outcome = useMutation({
    mutationFn: (body: { outcome: 'done' | 'no-show'; notes?: string }) =>
      api<Call>('POST', `/api/v1/calls/${call.id}/outcome`, body),
    onSuccess: async (_call, body) => {
      setOpen(null);
      setSaid(
        body.outcome === 'done'
          ? 'Call notes added to the ticket.'
          : 'Marked as a no-show: the customer was sent a link to book again.',
      );
      await onChanged();
    },
  });
  const toggle = (which: Exclude<Open, null>) => setOpen(open === which ? null : which);
  const context = <span className="visually-hidden"> the call of {when}</span>;
  return (
    <li className={`call call-${call.status}`}>
      <p className="call-when">
        <time dateTime={call.start}>{when}</time>
      </p>
      <p className="small">
        {call.emergency ? 'Call now (emergency)' : (call.type?.name ?? 'Call')} · with {call.agent.name} ·{' '}
        <CallStatus status={call.status} />
      </p>
      {booked && call.videoUrl && (
        <p className="small">
          <a href={call.videoUrl} target="_blank" rel="noreferrer">
            Join the room
          </a>
          {call.customerJoinedAt && (
            <span className="muted"> · the customer joined {formatTime(call.customerJoinedAt)}</span>
          )}
        </p>
      )}
      {call.outcomeNotes && (
        <details className="small">
          <summary>Call notes</summary>
          <p className="notes-text">{call.outcomeNotes}</p>
        </details>
      )}
      {booked && (
        <div className="call-buttons">
          {!started && (
            <>
              {call.type && (
                <button
                  type="button"
                  className="small secondary"
                  aria-expanded={open === 'move'}
                  onClick={() => toggle('move')}
                >
                  Move{context}
                </button>
              )}
              <button
                type="button"
                className="small secondary"
                aria-expanded={open === 'cancel'}
                onClick={() => toggle('cancel')}
              >
                Cancel{context}
              </button>
            </>
          )}
          {started && (
            <>
              <button type="button" className="small" aria-expanded={open === 'done'} onClick={() => toggle('done')}>
                Done{context}
              </button>
              <button
                type="button"
                className="small secondary"
                disabled={outcome.isPending}
                onClick={() => outcome.mutate({ outcome: 'no-show' })}
              >
                No-show{context}
              </button>
            </>
          )}
        </div>
      )}
      <ErrorText error={outcome.error} />
      {open === 'move' && call.type && (
        <MoveForm
          call={call}
          number={number}
          typeId={call.type.id}
          onMoved={async (moved) => {
            setOpen(null);
            setSaid(`Moved to ${callWhen(moved.start, moved.end, viewerZone)}; the customer gets the update.`);
            await onChanged();
          }}
        />
      )}
      {open === 'cancel' && (
        <CancelForm
          call={call}
          when={when}
          onCancelled={async () => {
            setOpen(null);
            setSaid('Call cancelled; the customer gets the cancellation.');
            await onChanged();
          }}
        />
      )}
      {open === 'done' && (
        <form
          className="call-form"
          aria-label={`Notes of the call of ${when}`}
          onSubmit={(e) => {
            e.preventDefault();
            const notes = String(new FormData(e.currentTarget).get('notes') ?? '');
            outcome.mutate({ outcome: 'done', notes });
          }}
        >
          <label>
            Call notes (an internal note)
            <textarea name="notes" rows={7} defaultValue={CALL_NOTES_TEMPLATE} />
          </label>
          <button type="submit" className="small" disabled={outcome.isPending}>
            Save the notes
          </button>
        </form>
      )}
    </li>
  );
}

// --- the booked call where the SLA timeline is ------------------------------------------------

const BOOKED = 'Call booked:';

/** The thread's "Call booked: …" messages: a booked call answers the customer, for the SLA too. */
export function callBookings(messages: Message[]): Message[] {
  return messages.filter((m) => m.channel === 'call' && !m.internal && m.text.startsWith(BOOKED));
}

// the SLA step is taken in the same request as the booking's message, a moment after it
const SAME_MOMENT_MS = 5_000;

// how the desk names a reply in an SLA step: "(public reply)", "(first public reply)", or "(call booked)"
const REPLY_REASON = /\((?:first )?public reply\)|\(call booked\)/;

/** The booking that made an SLA step, if any: a reply clock stopped (or restarted) by the booked call. */
export function bookingBehind(step: { at: string; detail: string }, bookings: Message[]) {
  if (!REPLY_REASON.test(step.detail)) return undefined;
  const at = Date.parse(step.at);
  return bookings.find((m) => {
    const gap = at - Date.parse(m.createdAt);
    return gap >= 0 && gap <= SAME_MOMENT_MS;
  });
}

/** "Next reply clock stopped (public reply): met" reads, for a booking, "(the booked call counted as the reply)". */
export function explainStep(step: { metric: string; detail: string }): string {
  const reply = step.metric === 'first-reply' ? 'the first reply' : 'the reply';
  return step.detail.replace(REPLY_REASON, `(the booked call counted as ${reply})`);
}

/** Booked calls as the SLA panel lists them, before its clocks' steps. */
export function BookedCallsLine({ bookings, stopped }: { bookings: Message[]; stopped: Set<number> }) {
  if (bookings.length === 0) return null;
  return (
    <ul className="sla-calls" aria-label="Booked calls">
      {bookings.map((m) => (
        <li key={m.id}>
          <strong>Call booked</strong> <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>:{' '}
          {m.text.slice(BOOKED.length).trim()}
          {stopped.has(m.id) ? ' It counted as the reply to the customer.' : ''}
        </li>
      ))}
    </ul>
  );
}
