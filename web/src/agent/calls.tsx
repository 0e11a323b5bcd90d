import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type RequestOf, type ResponseOf } from '../shared/api.js';
import { type Call, CallStatus, callWhen, slotsByDay } from '../shared/calls.js';
import { formatTime, viewerZone } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';

// My calls today and over the week, in my zone, each with its ticket; for leads, who carries the
// calls (call load per agent); and my own calendar (busy time) and personal video room.

type Load = ResponseOf<'/api/v1/calls/load', 'get'>;
type CalendarSettings = ResponseOf<'/api/v1/agents/{id}/calendar', 'get'>;
type CalendarInput = RequestOf<'/api/v1/agents/{id}/calendar', 'put'>;

const DAY_MS = 86_400_000;

/** Today from local midnight, and the seven days from it (the browser's zone is the agent's). */
function thisWeek() {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const tomorrow = new Date(start);
  tomorrow.setDate(start.getDate() + 1);
  const end = new Date(start.getTime() + 7 * DAY_MS + 2 * 3_600_000);
  end.setHours(0, 0, 0, 0);
  return { from: start.toISOString(), tomorrow: tomorrow.getTime(), to: end.toISOString() };
}

export function CallsPage() {
  const session = useSession();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const [week] = useState(thisWeek);
  const mine = useQuery({
    queryKey: ['calls', 'mine', week.from],
    queryFn: () => get<{ items: Call[] }>(`/api/v1/calls?agent=me&from=${week.from}&to=${week.to}`),
    refetchInterval: 30_000,
  });
  const active = (mine.data?.items ?? []).filter((c) => c.status !== 'cancelled');
  const today = active.filter((c) => Date.parse(c.start) < week.tomorrow);
  const later = active.filter((c) => Date.parse(c.start) >= week.tomorrow);

  return (
    <section aria-labelledby="calls-page-title" className="calls-page">
      <h1 id="calls-page-title">Calls</h1>
      <p className="muted">
        Your calls with customers, times in {viewerZone}. Offer or book one from a ticket’s Calls panel.
      </p>
      {mine.isPending && <Loading what="your calls" />}
      <ErrorText error={mine.error} />
      {mine.data && (
        <>
          <h2>Today</h2>
          {today.length === 0 ? <p className="muted">No calls today.</p> : <CallList calls={today} label="Today" />}
          <h2>This week</h2>
          {later.length === 0 ? (
            <p className="muted">Nothing booked for the rest of the week.</p>
          ) : (
            slotsByDay(later, viewerZone).map((day) => (
              <div key={day.key}>
                <h3 className="call-day">{day.name}</h3>
                <CallList calls={day.slots} label={day.name} />
              </div>
            ))
          )}
        </>
      )}
      {lead && <CallLoad from={week.from} to={week.to} />}
      <MyCalendar />
    </section>
  );
}

function CallList({ calls, label }: { calls: Call[]; label: string }) {
  return (
    <ul className="call-list" aria-label={`Calls: ${label}`}>
      {calls.map((c) => (
        <li key={c.id} className={`call call-${c.status}`}>
          <span className="call-when">
            <time dateTime={c.start}>{callWhen(c.start, c.end, viewerZone)}</time>
          </span>{' '}
          <Link to={`/tickets/${c.ticket}`}>Ticket #{c.ticket}</Link>
          <span className="small">
            {' '}
            · {c.emergency ? 'call now' : (c.type?.name ?? 'call')} · {c.customerEmail} ·{' '}
            <CallStatus status={c.status} />
            {c.status === 'booked' && c.videoUrl && (
              <>
                {' '}
                ·{' '}
                <a href={c.videoUrl} target="_blank" rel="noreferrer">
                  Join the room<span className="visually-hidden"> for ticket #{c.ticket}</span>
                </a>
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CallLoad({ from, to }: { from: string; to: string }) {
  const load = useQuery({
    queryKey: ['calls', 'load', from],
    queryFn: () => get<Load>(`/api/v1/calls/load?from=${from}&to=${to}`),
  });
  return (
    <section aria-labelledby="call-load-title" className="call-load">
      <h2 id="call-load-title">Call load</h2>
      <p className="muted small">Everyone’s calls this week: booked, held and missed.</p>
      {load.isPending && <Loading what="the call load" />}
      <ErrorText error={load.error} />
      {load.data && load.data.items.length === 0 && <p className="muted">No calls this week.</p>}
      {load.data && load.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="call-load-table">
            <caption className="visually-hidden">Calls per agent this week</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Calls</th>
                <th scope="col">Minutes</th>
                <th scope="col">No-shows</th>
              </tr>
            </thead>
            <tbody>
              {load.data.items.map((row) => (
                <tr key={row.agent.email}>
                  <th scope="row">{row.agent.name}</th>
                  <td>{row.calls}</td>
                  <td>{row.minutes}</td>
                  <td>{row.noShows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const CALENDAR_KEY = ['calendar', 'me'];

/** The agent's own calendar (busy time is not offered) and personal video room. */
function MyCalendar() {
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: CALENDAR_KEY,
    queryFn: () => get<CalendarSettings>('/api/v1/agents/me/calendar'),
  });
  const saved = (data: CalendarSettings) => client.setQueryData(CALENDAR_KEY, data);
  const save = useMutation({
    mutationFn: (body: CalendarInput) => api<CalendarSettings>('PUT', '/api/v1/agents/me/calendar', body),
    onSuccess: saved,
  });
  const refresh = useMutation({
    mutationFn: () => api<CalendarSettings>('POST', '/api/v1/agents/me/calendar/refresh'),
    onSuccess: saved,
  });
  const remove = useMutation({
    mutationFn: () => api<CalendarSettings>('DELETE', '/api/v1/agents/me/calendar'),
    onSuccess: saved,
  });
  const room = useMutation({
    mutationFn: (url: string | null) => api<CalendarSettings>('PUT', '/api/v1/agents/me/room', { url }),
    onSuccess: saved,
  });
  const [kind, setKind] = useState<'caldav' | 'ics' | null>(null);

  if (settings.isPending) return <Loading what="your calendar" />;
  if (!settings.data) return <ErrorText error={settings.error} />;
  const calendar = settings.data.calendar;
  const shownKind = kind ?? (calendar?.kind === 'caldav' ? 'caldav' : 'ics');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    save.mutate({
      kind: shownKind,
      url: String(form.get('url') ?? '').trim(),
      ...(shownKind === 'caldav' ? { username: String(form.get('username') ?? '').trim() || null } : {}),
      // left empty: the stored password stays
      ...(shownKind === 'caldav' && password ? { password } : {}),
    });
  }
  function submitRoom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const url = String(new FormData(event.currentTarget).get('room') ?? '').trim();
    room.mutate(url || null);
  }

  return (
    <section aria-labelledby="my-calendar-title" className="my-calendar">
      <h2 id="my-calendar-title">My calendar and video room</h2>
      <p className="muted small">
        Times busy in your calendar are not offered to customers. A CalDAV calendar also gets each booked call.
      </p>
      {calendar ? (
        <dl className="details calendar-state">
          <dt>Calendar</dt>
          <dd>
            {calendar.kind === 'caldav' ? 'CalDAV' : 'Published ICS feed'} · {calendar.url}
          </dd>
          <dt>Last read</dt>
          <dd>{calendar.refreshedAt ? formatTime(calendar.refreshedAt) : 'not yet'}</dd>
          {calendar.lastError && (
            <>
              <dt>Problem</dt>
              <dd className="error">{calendar.lastError}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>No calendar connected: only your roster hours and booked calls decide your free times.</p>
      )}
      {calendar && (
        <p className="inline-form">
          <button type="button" className="small" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
            Read it now
          </button>
          <button type="button" className="small danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Disconnect the calendar
          </button>
        </p>
      )}
      <ErrorText error={refresh.error ?? remove.error} />
      <form className="calendar-form" onSubmit={submit} aria-label="Connect a calendar">
        <fieldset className="choice-row">
          <legend>Kind</legend>
          <label className="inline">
            <input type="radio" name="kind" value="ics" checked={shownKind === 'ics'} onChange={() => setKind('ics')} />
            Published ICS feed (read only)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="kind"
              value="caldav"
              checked={shownKind === 'caldav'}
              onChange={() => setKind('caldav')}
            />
            CalDAV calendar
          </label>
        </fieldset>
        <label>
          {shownKind === 'caldav' ? 'Calendar collection URL' : 'Feed URL'}
          <input
            name="url"
            type="url"
            required
            defaultValue={calendar?.url ?? ''}
            key={calendar?.url ?? 'none'}
            placeholder={
              shownKind === 'caldav'
                ? 'https://cloud.example.com/remote.php/dav/calendars/me/work/'
                : 'https://calendar.google.com/calendar/ical/…/basic.ics'
            }
          />
        </label>
        {shownKind === 'caldav' && (
          <div className="grid-2">
            <label>
              User name
              <input name="username" autoComplete="off" defaultValue={calendar?.username ?? ''} />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                placeholder={calendar?.hasPassword ? 'kept; type to change it' : ''}
              />
            </label>
          </div>
        )}
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Checking the calendar…' : calendar ? 'Save the calendar' : 'Connect the calendar'}
        </button>
        <ErrorText error={save.error} />
      </form>
      <form className="inline-form room-form" onSubmit={submitRoom} aria-label="Your video room">
        <label>
          Personal video room (for call types that use it)
          <input
            name="room"
            type="url"
            key={settings.data.roomUrl ?? 'none'}
            defaultValue={settings.data.roomUrl ?? ''}
            placeholder="https://meet.example.com/your-name"
          />
        </label>
        <button type="submit" className="small" disabled={room.isPending}>
          Save the room
        </button>
      </form>
      <ErrorText error={room.error} />
      {room.isSuccess && (
        <p role="status" className="small">
          {settings.data.roomUrl ? 'Room saved.' : 'Room removed.'}
        </p>
      )}
    </section>
  );
}
