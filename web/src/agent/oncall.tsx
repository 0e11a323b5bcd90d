import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type Page } from '../shared/api.js';
import { formatTime, fromNow, viewerZone } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

// On call: who is on call now and the shifts after them, and the pages sent. Everyone sees it;
// leads and admins edit the rotation.

interface Person {
  id: string;
  email: string;
  name: string;
}
interface OnCall {
  startsAt: string;
  shiftHours: number;
  members: Person[];
  onCall: (Person & { until: string }) | null;
  shifts: (Person & { from: string; until: string })[];
}
interface PageSent {
  id: string;
  ticket: number;
  agent: { email: string; name: string } | null;
  level: number;
  reason: string;
  pagedAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
}

export function OnCallPage() {
  const session = useSession();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const oncall = useQuery({ queryKey: ['oncall'], queryFn: () => get<OnCall>('/api/v1/oncall') });
  const [editing, setEditing] = useState(false);

  return (
    <section aria-labelledby="oncall-title" className="oncall page">
      <h1 id="oncall-title">On call</h1>
      <p className="muted">
        The on-call rotation answers emergencies around the clock, apart from the roster. Times in {viewerZone}.
      </p>
      {oncall.isPending && <Loading what="the rotation" />}
      <ErrorText error={oncall.error} />
      {oncall.data && (
        <>
          <div className="oncall-now" role="status">
            {oncall.data.onCall ? (
              <>
                <span className="muted">On call now</span>
                <strong className="oncall-name">{oncall.data.onCall.name}</strong>
                <span>
                  <a href={`mailto:${oncall.data.onCall.email}`}>{oncall.data.onCall.email}</a> · until{' '}
                  <time dateTime={oncall.data.onCall.until}>{formatTime(oncall.data.onCall.until)}</time> (
                  {fromNow(oncall.data.onCall.until)})
                </span>
              </>
            ) : (
              <strong>Nobody is on call: the rotation is empty, so emergencies page nobody.</strong>
            )}
          </div>
          <h2>Rotation</h2>
          <p>
            Shifts of {hoursText(oncall.data.shiftHours)}, in this order, from{' '}
            <time dateTime={oncall.data.startsAt}>{formatTime(oncall.data.startsAt)}</time>.
          </p>
          {oncall.data.shifts.length > 0 && (
            <table className="oncall-shifts">
              <caption className="visually-hidden">The shift on call now and the ones after it</caption>
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">From</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {oncall.data.shifts.map((s, i) => (
                  <tr key={s.from} className={i === 0 ? 'current' : undefined}>
                    <th scope="row">
                      {s.name}
                      {i === 0 && <span className="muted small"> (now)</span>}
                    </th>
                    <td>
                      <time dateTime={s.from}>{formatTime(s.from)}</time>
                    </td>
                    <td>
                      <time dateTime={s.until}>{formatTime(s.until)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {lead && (
            <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {editing ? 'Close the rotation editor' : 'Edit the rotation'}
            </button>
          )}
          {lead && editing && <RotationEditor current={oncall.data} onSaved={() => setEditing(false)} />}
        </>
      )}
      <PagesSent />
    </section>
  );
}

function hoursText(hours: number): string {
  if (hours % 168 === 0) return hours === 168 ? 'a week' : `${hours / 168} weeks`;
  if (hours % 24 === 0) return hours === 24 ? 'a day' : `${hours / 24} days`;
  return `${hours} hours`;
}

function RotationEditor({ current, onSaved }: { current: OnCall; onSaved: () => void }) {
  const client = useQueryClient();
  const agents = useQuery({
    queryKey: ['agents'],
    queryFn: () => get<Page<Person>>('/api/v1/agents?limit=100'),
    staleTime: 60_000,
  });
  const [members, setMembers] = useState<Person[]>(current.members);
  const [adding, setAdding] = useState('');
  const save = useMutation({
    mutationFn: (body: { startsAt: string; shiftHours: number; members: string[] }) =>
      api<OnCall>('PUT', '/api/v1/oncall', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['oncall'] });
      onSaved();
    },
  });
  const move = (i: number, by: number) => {
    const next = [...members];
    const [m] = next.splice(i, 1);
    if (m) next.splice(i + by, 0, m);
    setMembers(next);
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const startsAt = DateTime.fromISO(String(form.get('startsAt')), { zone: viewerZone });
    save.mutate({
      startsAt: startsAt.toUTC().toISO() as string,
      shiftHours: Number(form.get('shiftHours')),
      members: members.map((m) => m.id),
    });
  }
  const others = (agents.data?.items ?? []).filter((a) => !members.some((m) => m.id === a.id));
  return (
    <form className="rotation-editor" onSubmit={submit} aria-label="The on-call rotation">
      <label>
        First shift starts ({viewerZone})
        <input
          name="startsAt"
          type="datetime-local"
          required
          defaultValue={DateTime.fromISO(current.startsAt).setZone(viewerZone).toFormat("yyyy-LL-dd'T'HH:mm")}
        />
      </label>
      <label>
        Hours per shift
        <input name="shiftHours" type="number" min={1} max={672} required defaultValue={current.shiftHours} />
      </label>
      <fieldset>
        <legend>Members, in order</legend>
        {members.length === 0 && <p className="muted">Nobody yet: add the engineers who take emergencies.</p>}
        <ol className="rotation-members">
          {members.map((m, i) => (
            <li key={m.id}>
              <span>{m.name}</span>
              <button
                type="button"
                className="small"
                aria-label={`Move ${m.name} up`}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                Up
              </button>
              <button
                type="button"
                className="small"
                aria-label={`Move ${m.name} down`}
                disabled={i === members.length - 1}
                onClick={() => move(i, 1)}
              >
                Down
              </button>
              <button
                type="button"
                className="small"
                aria-label={`Remove ${m.name}`}
                onClick={() => setMembers(members.filter((x) => x.id !== m.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <div className="inline-form">
          <label>
            Add an agent
            <select value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">choose…</option>
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="small"
            disabled={!adding}
            onClick={() => {
              const agent = others.find((a) => a.id === adding);
              if (agent) setMembers([...members, agent]);
              setAdding('');
            }}
          >
            Add
          </button>
        </div>
      </fieldset>
      <button type="submit" disabled={save.isPending}>
        Save the rotation
      </button>
      <ErrorText error={save.error} />
    </form>
  );
}

function PagesSent() {
  const client = useQueryClient();
  const pages = useQuery({
    queryKey: ['pages'],
    queryFn: () => get<{ items: PageSent[] }>('/api/v1/pages'),
    refetchInterval: 30_000,
  });
  const ack = useMutation({
    mutationFn: (id: string) => api('POST', `/api/v1/pages/${id}/ack`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['pages'] }),
  });
  return (
    <>
      <h2>Pages</h2>
      {pages.isPending && <Loading what="the pages" />}
      <ErrorText error={pages.error ?? ack.error} />
      {pages.data?.items.length === 0 && (
        <Empty title="No pages yet">
          <p>An urgent ticket from a plan with on-call, or mail to the emergency address, pages whoever is on call.</p>
        </Empty>
      )}
      {pages.data && pages.data.items.length > 0 && (
        <ul className="pages-sent">
          {pages.data.items.map((p) => (
            <li key={p.id}>
              <Link to={`/tickets/${p.ticket}`}>Ticket #{p.ticket}</Link> · {p.agent?.name ?? 'someone'}
              {p.level > 0 ? ` (escalation ${p.level})` : ''} · {p.reason}
              <div className="small muted">
                paged <time dateTime={p.pagedAt}>{formatTime(p.pagedAt)}</time> ·{' '}
                {p.acknowledgedAt
                  ? `acknowledged ${formatTime(p.acknowledgedAt)}`
                  : p.escalatedAt
                    ? `escalated ${formatTime(p.escalatedAt)}`
                    : 'waiting for an acknowledgement'}
                {!p.acknowledgedAt && !p.escalatedAt && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="small"
                      disabled={ack.isPending}
                      onClick={() => ack.mutate(p.id)}
                      aria-label={`Acknowledge the page for ticket #${p.ticket}`}
                    >
                      Acknowledge
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
