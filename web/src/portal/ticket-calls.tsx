import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type Ticket } from '../shared/api.js';
import {
  BookingError,
  type Call,
  CallStatus,
  CallsList,
  type CallType,
  CancelForm,
  callWhen,
  MoveForm,
  type Slot,
  type SlotLike,
  SlotPicker,
} from '../shared/calls.js';
import { viewerZone } from '../shared/format.js';
import { ErrorText, Loading } from '../shared/ui.js';

// The customer's calls on their ticket, in their own zone: joining, moving, cancelling; booking one
// when their plan has call types; and "call me now" on an urgent ticket (the desk decides whether
// their plan includes it, and says why not).

export function PortalCalls({ ticket }: { ticket: Ticket }) {
  const number = ticket.number;
  const client = useQueryClient();
  const calls = useQuery({
    queryKey: ['calls', number],
    queryFn: () => get<{ items: Call[] }>(`/api/v1/tickets/${number}/calls`),
  });
  const types = useQuery({
    queryKey: ['call-types', 'ticket', number],
    queryFn: () => get<{ items: CallType[] }>(`/api/v1/tickets/${number}/call-types`),
    staleTime: 60_000,
  });
  const [booking, setBooking] = useState(false);
  const [said, setSaid] = useState('');
  const changed = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['calls', number] }),
      client.invalidateQueries({ queryKey: ['messages', number] }),
      client.invalidateQueries({ queryKey: ['ticket', number] }),
    ]);
  const now = useMutation({
    mutationFn: () => api<Call>('POST', `/api/v1/tickets/${number}/call-now`),
    onSuccess: async () => {
      await changed();
    },
  });
  const open = ticket.status !== 'closed';
  const items = calls.data?.items ?? [];
  const typeList = types.data?.items ?? [];
  const urgent = ticket.priority === 'urgent';
  // one booked call at a time: the desk asks the customer to move it rather than book another
  const upcoming = items.some((c) => c.status === 'booked' && !c.emergency && Date.parse(c.end) > Date.now());
  // an emergency call runs: its room is where to go, not another page
  const inCallNow = items.some((c) => c.status === 'booked' && c.emergency && Date.parse(c.end) > Date.now());
  if (items.length === 0 && (!open || (typeList.length === 0 && !urgent))) return null;

  return (
    <section aria-labelledby="portal-calls-title" className="portal-calls">
      <h2 id="portal-calls-title">Calls</h2>
      <p className="muted small">Times shown in {viewerZone}.</p>
      {calls.isPending && <Loading what="your calls" />}
      <ErrorText error={calls.error} />
      <CallsList
        calls={items}
        label="Your calls"
        item={(c) => <PortalCallItem key={c.id} call={c} number={number} onChanged={changed} onSaid={setSaid} />}
      />
      <p role="status" className="call-said">
        {said}
      </p>
      {open && (
        <div className="call-buttons">
          {typeList.length > 0 && !upcoming && (
            <button type="button" className="secondary" aria-expanded={booking} onClick={() => setBooking(!booking)}>
              Book a call
            </button>
          )}
          {urgent && !inCallNow && (
            <button type="button" disabled={now.isPending} onClick={() => now.mutate()}>
              Call me now
            </button>
          )}
        </div>
      )}
      <ErrorText error={now.error} />
      {now.data?.videoUrl && (
        <p className="notice" role="status">
          An engineer is being paged now.{' '}
          <a href={now.data.videoUrl} target="_blank" rel="noreferrer">
            Join the call
          </a>{' '}
          and wait there: they join you as soon as they can.
        </p>
      )}
      {open && booking && typeList.length > 0 && !upcoming && (
        <PortalBookForm
          number={number}
          types={typeList}
          onBooked={async (call) => {
            setBooking(false);
            setSaid(
              `Your call is booked: ${callWhen(call.start, call.end, viewerZone)}. You will get an invitation by email.`,
            );
            await changed();
          }}
        />
      )}
    </section>
  );
}

function PortalCallItem({
  call,
  number,
  onChanged,
  onSaid,
}: {
  call: Call;
  number: number;
  onChanged: () => Promise<unknown>;
  onSaid: (text: string) => void;
}) {
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const when = callWhen(call.start, call.end, viewerZone);
  const booked = call.status === 'booked';
  // a call now has started: its room is the thing, not changing it
  const upcoming = booked && !call.emergency && Date.parse(call.start) > Date.now();
  const context = <span className="visually-hidden"> the call of {when}</span>;
  return (
    <li className={`call call-${call.status}`}>
      <p className="call-when">
        <time dateTime={call.start}>{when}</time>
      </p>
      <p className="small">
        {call.emergency ? 'Call now' : (call.type?.name ?? 'Call')} with {call.agent.name} ·{' '}
        <CallStatus status={call.status} />
      </p>
      {booked && call.videoUrl && (
        <p>
          <a href={call.videoUrl} target="_blank" rel="noreferrer">
            Join the call{context}
          </a>
        </p>
      )}
      {upcoming && (
        <div className="call-buttons">
          {call.type && (
            <button
              type="button"
              className="small secondary"
              aria-expanded={open === 'move'}
              onClick={() => setOpen(open === 'move' ? null : 'move')}
            >
              Move{context}
            </button>
          )}
          <button
            type="button"
            className="small secondary"
            aria-expanded={open === 'cancel'}
            onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}
          >
            Cancel{context}
          </button>
        </div>
      )}
      {open === 'move' && call.type && (
        <MoveForm
          call={{ ...call, customerZone: viewerZone }}
          number={number}
          typeId={call.type.id}
          onMoved={async (moved) => {
            setOpen(null);
            onSaid(
              `Your call has moved to ${callWhen(moved.start, moved.end, viewerZone)}. You will get the update by email.`,
            );
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
            onSaid('Your call is cancelled.');
            await onChanged();
          }}
        />
      )}
    </li>
  );
}

function PortalBookForm({
  number,
  types,
  onBooked,
}: {
  number: number;
  types: CallType[];
  onBooked: (call: Call) => Promise<unknown>;
}) {
  const client = useQueryClient();
  const [typeId, setTypeId] = useState(types[0]?.id ?? '');
  const type = types.find((t) => t.id === typeId) ?? types[0];
  const slots = useQuery({
    queryKey: ['call-slots', number, type?.id],
    enabled: Boolean(type),
    queryFn: () =>
      get<{ slots: Slot[] }>(
        `/api/v1/tickets/${number}/call-slots?type=${encodeURIComponent(type?.id ?? '')}&zone=${encodeURIComponent(viewerZone)}`,
      ),
    refetchInterval: 30_000,
  });
  const [picked, setPicked] = useState<SlotLike | null>(null);
  const book = useMutation({
    mutationFn: (slot: SlotLike) =>
      api<Call>('POST', `/api/v1/tickets/${number}/calls`, { type: type?.id, start: slot.start, zone: viewerZone }),
    onSuccess: onBooked,
    onError: () => client.invalidateQueries({ queryKey: ['call-slots', number, type?.id] }),
  });
  if (!type) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (picked) book.mutate(picked);
  }
  return (
    <form className="call-form portal-book" onSubmit={submit} aria-label="Book a call">
      {types.length > 1 && (
        <label>
          Kind of call
          <select
            value={type.id}
            onChange={(e) => {
              setTypeId(e.target.value);
              setPicked(null);
            }}
          >
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.durationMinutes} minutes)
              </option>
            ))}
          </select>
        </label>
      )}
      <p>
        {type.name}, {type.durationMinutes} minutes. Pick a time:
      </p>
      {slots.isPending && <Loading what="free times" />}
      <ErrorText error={slots.error} />
      {slots.data && (
        <SlotPicker
          key={type.id}
          slots={slots.data.slots}
          zone={viewerZone}
          picked={picked?.start ?? null}
          onPick={setPicked}
          label={`Free times for ${type.name}`}
        />
      )}
      <button type="submit" disabled={!picked || book.isPending}>
        {picked ? `Book ${callWhen(picked.start, picked.end, viewerZone)}` : 'Pick a time to book'}
      </button>
      <BookingError error={book.error} zone={viewerZone} onPick={setPicked} />
    </form>
  );
}
