import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError, api, get, type ItemOf, type ResponseOf } from './api.js';
import { viewerZone } from './format.js';
import { ErrorText, Loading } from './ui.js';

// Calls booked from a ticket, as the agent app, the portal and the public booking page show them:
// times in a named zone, free times grouped by local day, and what a taken time offers instead.

export type Call = ItemOf<ResponseOf<'/api/v1/tickets/{number}/calls', 'get'>>;
export type CallType = ItemOf<ResponseOf<'/api/v1/call-types', 'get'>>;
export type Slot = ResponseOf<'/api/v1/tickets/{number}/call-slots', 'get'>['slots'][number];
export type Offer = ResponseOf<'/api/v1/call-offers/{token}', 'get'>;
/** A free time as any of the routes answers it (a booking link names the host, not their address). */
export interface SlotLike {
  start: string;
  end: string;
  agent: { name: string; email?: string };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone} ${name}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(name === 'key' ? 'en-CA' : undefined, { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

/** "Tue, Dec 8, 10:30 – 11:00 AM GMT": a call's time in the zone given, the zone named. */
export function callWhen(start: string, end: string, zone: string): string {
  const f = format(zone, 'range', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return f.formatRange(new Date(start), new Date(end));
}

/** "Tuesday, December 8" in the zone given */
export function dayName(iso: string, zone: string): string {
  return format(zone, 'day', { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** "10:30 AM" in the zone given */
export function timeOfDay(iso: string, zone: string): string {
  return format(zone, 'time', { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export interface SlotDay<S> {
  key: string;
  name: string;
  short: string;
  slots: S[];
}

/** Free times by local day in the zone given, in order; a day is YYYY-MM-DD there. */
export function slotsByDay<S extends SlotLike>(slots: S[], zone: string): SlotDay<S>[] {
  const days: SlotDay<S>[] = [];
  for (const slot of slots) {
    const key = format(zone, 'key', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(slot.start));
    let day = days[days.length - 1];
    if (day?.key !== key) {
      day = {
        key,
        name: dayName(slot.start, zone),
        short: format(zone, 'short', { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(slot.start)),
        slots: [],
      };
      days.push(day);
    }
    day.slots.push(slot);
  }
  return days;
}

export function CallStatus({ status }: { status: Call['status'] }) {
  return <span className={`badge call-${status}`}>{status === 'no-show' ? 'no-show' : status}</span>;
}

/** A ticket's calls; the cancelled ones folded away under their count. */
export function CallsList({ calls, label, item }: { calls: Call[]; label: string; item: (call: Call) => ReactNode }) {
  const live = calls.filter((c) => c.status !== 'cancelled');
  const cancelled = calls.filter((c) => c.status === 'cancelled');
  return (
    <>
      {live.length > 0 && (
        <ul className="calls" aria-label={label}>
          {live.map(item)}
        </ul>
      )}
      {cancelled.length > 0 && (
        <details className="cancelled-calls">
          <summary>
            {cancelled.length} cancelled {cancelled.length === 1 ? 'call' : 'calls'}
          </summary>
          <ul className="calls" aria-label="Cancelled calls">
            {cancelled.map(item)}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * Free times to choose from: one day at a time (a fortnight of working hours is hundreds of
 * times), each a toggle; the chosen one is booked by a separate button, so a slip books nothing.
 */
export function SlotPicker<S extends SlotLike>({
  slots,
  zone,
  picked,
  onPick,
  showHost = false,
  label,
}: {
  slots: S[];
  zone: string;
  picked: string | null;
  onPick: (slot: S) => void;
  showHost?: boolean;
  /** what the times are for, e.g. "Free times for Screen share" */
  label: string;
}) {
  const days = slotsByDay(slots, zone);
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const day = days.find((d) => d.key === chosenDay) ?? days[0];
  if (!day) return <p className="muted">No free times in the time this call can be booked ahead.</p>;
  return (
    <div className="slot-picker">
      <fieldset className="slot-days">
        <legend className="visually-hidden">{label}: days</legend>
        {days.map((d) => (
          <button
            key={d.key}
            type="button"
            className="slot-day"
            aria-pressed={d.key === day.key}
            onClick={() => setChosenDay(d.key)}
          >
            {d.short}{' '}
            <span className="slot-count">
              {d.slots.length} {d.slots.length === 1 ? 'time' : 'times'}
            </span>
          </button>
        ))}
      </fieldset>
      <fieldset className="slot-times">
        <legend>{day.name}</legend>
        <ul aria-label={`${label} on ${day.name}`}>
          {day.slots.map((s) => (
            <li key={s.start}>
              <button type="button" className="slot-time" aria-pressed={picked === s.start} onClick={() => onPick(s)}>
                {timeOfDay(s.start, zone)}
                {showHost && <span className="slot-host"> {s.agent.name}</span>}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** The next free times a 409 SLOT_TAKEN answered with, if that is what the error is. */
export function nextSlotsOf(error: unknown): Slot[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  const body = error.body as { nextSlots?: Slot[] } | undefined;
  return body?.nextSlots ?? [];
}

/** A booking error; a taken time also offers the next free ones, one click each to choose. */
export function BookingError({
  error,
  zone,
  onPick,
}: {
  error: unknown;
  zone: string;
  onPick: (slot: SlotLike) => void;
}) {
  const next = nextSlotsOf(error);
  if (!error) return null;
  return (
    <div className="booking-error">
      <ErrorText error={error} />
      {next.length > 0 && (
        <>
          <p className="small">The next free times:</p>
          <ul className="next-slots">
            {next.map((s) => (
              <li key={s.start}>
                <button type="button" className="small secondary" onClick={() => onPick(s)}>
                  {callWhen(s.start, s.end, zone)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The template of the notes a host writes after a call (an internal note on the ticket). */
export const CALL_NOTES_TEMPLATE = 'Symptoms:\n\nFindings:\n\nNext steps:\n';

/** Free times of a call type on a ticket (only one host's, for a move). */
export function useSlots(number: number, typeId: string, hostEmail?: string) {
  return useQuery({
    queryKey: ['call-slots', number, typeId],
    queryFn: () =>
      get<{ slots: Slot[] }>(
        `/api/v1/tickets/${number}/call-slots?type=${encodeURIComponent(typeId)}&zone=${encodeURIComponent(viewerZone)}`,
      ),
    select: (data) => (hostEmail ? data.slots.filter((s) => s.agent.email === hostEmail) : data.slots),
    refetchInterval: 30_000,
  });
}

/** Another free time of the same host: the customer keeps their engineer. */
export function MoveForm({
  call,
  number,
  typeId,
  zone = viewerZone,
  onMoved,
}: {
  call: Call;
  number: number;
  typeId: string;
  zone?: string;
  onMoved: (call: Call) => Promise<unknown>;
}) {
  const client = useQueryClient();
  const slots = useSlots(number, typeId, call.agent.email || undefined);
  const [picked, setPicked] = useState<SlotLike | null>(null);
  const move = useMutation({
    mutationFn: (slot: SlotLike) =>
      api<Call>('PATCH', `/api/v1/calls/${call.id}`, {
        start: slot.start,
        ...(call.customerZone ? { zone: call.customerZone } : {}),
      }),
    onSuccess: onMoved,
    onError: () => client.invalidateQueries({ queryKey: ['call-slots', number, typeId] }),
  });
  return (
    <form
      className="call-form"
      aria-label="Move the call"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked) move.mutate(picked);
      }}
    >
      {slots.isPending && <Loading what="free times" />}
      <ErrorText error={slots.error} />
      {slots.data && (
        <SlotPicker
          slots={slots.data.filter((s) => s.start !== call.start)}
          zone={zone}
          picked={picked?.start ?? null}
          onPick={setPicked}
          label="Other free times"
        />
      )}
      <button type="submit" className="small" disabled={!picked || move.isPending}>
        {picked ? `Move to ${callWhen(picked.start, picked.end, zone)}` : 'Pick a time to move to'}
      </button>
      <BookingError error={move.error} zone={zone} onPick={setPicked} />
    </form>
  );
}

export function CancelForm({
  call,
  when,
  onCancelled,
}: {
  call: Call;
  when: string;
  onCancelled: () => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () =>
      api<Call>(
        'DELETE',
        `/api/v1/calls/${call.id}${reason.trim() ? `?reason=${encodeURIComponent(reason.trim())}` : ''}`,
      ),
    onSuccess: onCancelled,
  });
  return (
    <form
      className="call-form"
      aria-label={`Cancel the call of ${when}`}
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate();
      }}
    >
      <label>
        Reason (optional, goes in the cancellation)
        <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="small danger" disabled={cancel.isPending}>
        Cancel the call
      </button>
      <ErrorText error={cancel.error} />
    </form>
  );
}
