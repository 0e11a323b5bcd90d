import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type Page } from '../shared/api.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { type Agent, AgentAccount } from './agent-account.js';

interface Schedule {
  timeZone: string;
  region: string | null;
  country: string | null;
  hours: Record<string, string>;
  skills: string[];
  timeOff: { id: string; from: string; to: string; reason: string | null }[];
  onShift: boolean;
  nextShiftStart: string | null;
  handOverDefault?: boolean;
}
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function AgentSchedule({ agent, admin }: { agent: Agent; admin: boolean }) {
  const client = useQueryClient();
  const key = ['schedule', agent.id];
  const schedule = useQuery({ queryKey: key, queryFn: () => get<Schedule>(`/api/v1/agents/${agent.id}/schedule`) });
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api('PUT', `/api/v1/agents/${agent.id}/schedule`, body),
    onSuccess: async () => {
      setEditing(false);
      await client.invalidateQueries({ queryKey: key });
    },
  });
  const leave = useMutation({
    mutationFn: (body: Record<string, string>) => api('POST', '/api/v1/time-off', { agent: agent.id, ...body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  if (!schedule.data) return <ErrorText error={schedule.error} />;
  const s = schedule.data;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours = Object.fromEntries(DAYS.map((d) => [d, String(form.get(d) ?? '')]).filter(([, v]) => v));
    save.mutate({
      timeZone: String(form.get('timeZone')),
      region: String(form.get('region')) || null,
      country: String(form.get('country')) || null,
      hours,
      handOverDefault: form.get('handOverDefault') === 'on',
    });
  }
  function addLeave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    leave.mutate({ from: String(form.get('from')), to: String(form.get('to')) });
  }
  return (
    <>
      <tr>
        <th scope="row">
          {agent.name} <span className="muted small">{agent.email}</span>
          {agent.role !== 'agent' && <span className="muted small"> · {agent.role}</span>}
          {!agent.active && (
            <>
              {' '}
              <span className="badge">deactivated</span>
            </>
          )}
        </th>
        <td>{s.timeZone}</td>
        <td>{s.region ?? '—'}</td>
        <td>{s.country ?? '—'}</td>
        <td className="small">
          {DAYS.filter((d) => s.hours[d])
            .map((d) => `${d} ${s.hours[d]}`)
            .join(' · ') || 'no hours'}
        </td>
        <td>{s.onShift ? 'on shift' : 'off'}</td>
        <td>
          <button type="button" className="small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Close' : `Edit ${agent.name}`}
          </button>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={7}>
            <form className="schedule-form" onSubmit={submit} aria-label={`Schedule of ${agent.name}`}>
              <label>
                Time zone (IANA)
                <input name="timeZone" defaultValue={s.timeZone} required />
              </label>
              <label>
                Region
                <input name="region" defaultValue={s.region ?? ''} />
              </label>
              <label>
                Holidays of (country or subdivision)
                <input name="country" defaultValue={s.country ?? ''} placeholder="PT, US-NY, AU-NSW" />
              </label>
              {DAYS.map((d) => (
                <label key={d}>
                  {d}
                  <input name={d} defaultValue={s.hours[d] ?? ''} placeholder="09:00-17:00" />
                </label>
              ))}
              <label className="check">
                <input name="handOverDefault" type="checkbox" defaultChecked={s.handOverDefault ?? false} />
                Hand over when {agent.name}’s day ends, also tickets assigned by hand (unticked: they stay, pinned)
              </label>
              <button type="submit">Save schedule</button>
              <ErrorText error={save.error} />
            </form>
            <h2 className="row-heading">Time off</h2>
            <ul>
              {s.timeOff.map((t) => (
                <li key={t.id}>
                  {t.from} to {t.to}
                  {t.reason ? ` (${t.reason})` : ''}
                </li>
              ))}
            </ul>
            <form className="inline-form" onSubmit={addLeave} aria-label={`Time off for ${agent.name}`}>
              <label>
                From
                <input name="from" type="date" required />
              </label>
              <label>
                To
                <input name="to" type="date" required />
              </label>
              <button type="submit">Add time off</button>
            </form>
            <ErrorText error={leave.error} />
            {admin && <AgentAccount agent={agent} />}
          </td>
        </tr>
      )}
    </>
  );
}

function NewAgent() {
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api('POST', '/api/v1/agents', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agents'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
    if (!data.region) delete data.region;
    create.mutate(data, { onSuccess: () => form.reset() });
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add an agent">
      <label>
        Email
        <input name="email" type="email" required />
      </label>
      <label>
        Name
        <input name="name" required />
      </label>
      <label>
        Role
        <select name="role" defaultValue="agent">
          <option>agent</option>
          <option>lead</option>
          <option>admin</option>
        </select>
      </label>
      <label>
        Time zone
        <input name="timeZone" required defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone} />
      </label>
      <label>
        Region
        <input name="region" placeholder="EMEA" />
      </label>
      <button type="submit">Add agent</button>
      <ErrorText error={create.error} />
    </form>
  );
}

export function RosterPage() {
  const session = useSession();
  const agents = useQuery({ queryKey: ['agents'], queryFn: () => get<Page<Agent>>('/api/v1/agents?limit=100') });
  return (
    <section aria-labelledby="roster-title">
      <h1 id="roster-title">Agents and roster</h1>
      <p className="muted">
        Hours are each agent's own, in their own zone; split shifts as 09:00-12:00,13:00-17:00. Whole rosters load with{' '}
        <code>pipefitter roster import</code>.
      </p>
      {session.actor.role === 'admin' && <NewAgent />}
      {agents.isPending && <Loading what="agents" />}
      <ErrorText error={agents.error} />
      {agents.data && (
        <table className="tickets roster">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Zone</th>
              <th scope="col">Region</th>
              <th scope="col">Holidays</th>
              <th scope="col">Hours</th>
              <th scope="col">Now</th>
              <th scope="col">
                <span className="visually-hidden">Edit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.data.items.map((a) => (
              <AgentSchedule key={a.id} agent={a} admin={session.actor.role === 'admin'} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
