import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type RequestOf, type ResponseOf } from '../shared/api.js';
import type { CallType } from '../shared/calls.js';
import { useSession } from '../shared/session.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

// Call types: what a call is (length, buffers, notice, how far ahead), who hosts it, which plans may
// book it themselves, and its video room. Admins create, change and retire them; leads see them all.

type Teams = ResponseOf<'/api/v1/teams', 'get'>;
type CallTypeInput = RequestOf<'/api/v1/call-types', 'post'>;

const KEY = ['call-types', 'all'];

export function CallTypesPage() {
  const session = useSession();
  const admin = session.actor.role === 'admin';
  const client = useQueryClient();
  const types = useQuery({ queryKey: KEY, queryFn: () => get<{ items: CallType[] }>('/api/v1/call-types') });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [said, setSaid] = useState('');
  const changed = () => client.invalidateQueries({ queryKey: ['call-types'] });
  const retire = useMutation({
    mutationFn: (t: CallType) => api<CallType>('PATCH', `/api/v1/call-types/${t.id}`, { active: !t.active }),
    onSuccess: async (t) => {
      setSaid(t.active ? `${t.name} can be booked again.` : `${t.name} is retired: it is no longer offered.`);
      await changed();
    },
  });
  const items = types.data?.items ?? [];
  const current = items.find((t) => t.id === editing);

  return (
    <section aria-labelledby="call-types-title" className="call-types-page">
      <h1 id="call-types-title">Call types</h1>
      <p className="muted">
        What agents offer from a ticket and customers book. Free times come from each host’s roster hours, minus busy
        time in their calendar and the calls they have.{admin ? '' : ' Only an admin can change them.'}
      </p>
      {types.isPending && <Loading what="call types" />}
      <ErrorText error={types.error ?? retire.error} />
      <p role="status" className="small">
        {said}
      </p>
      {types.data && items.length === 0 && (
        <Empty title="No call types yet">Add one, e.g. a 30-minute screen share hosted by the ticket’s assignee.</Empty>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="call-types-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Length</th>
                <th scope="col">Hosts</th>
                <th scope="col">Notice</th>
                <th scope="col">Video</th>
                <th scope="col">Plans</th>
                <th scope="col">State</th>
                {admin && (
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} className={t.active ? undefined : 'retired'}>
                  <th scope="row">{t.name}</th>
                  <td>
                    {t.durationMinutes} min
                    {t.bufferBeforeMinutes || t.bufferAfterMinutes ? (
                      <span className="muted small">
                        {' '}
                        (+{t.bufferBeforeMinutes}/{t.bufferAfterMinutes} buffers)
                      </span>
                    ) : null}
                  </td>
                  <td>{hostsText(t)}</td>
                  <td>
                    {minutesText(t.minNoticeMinutes)}, up to {t.horizonDays} days ahead
                  </td>
                  <td className="small">
                    {t.video === 'template' ? t.videoUrlTemplate : t.video === 'personal' ? 'host’s room' : 'none'}
                  </td>
                  <td>{t.plans.length > 0 ? t.plans.join(', ') : 'every plan'}</td>
                  <td>{t.active ? 'active' : 'retired'}</td>
                  {admin && (
                    <td className="row-actions">
                      <button type="button" className="small secondary" onClick={() => setEditing(t.id)}>
                        Edit<span className="visually-hidden"> {t.name}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="small secondary"
                        disabled={retire.isPending}
                        onClick={() => retire.mutate(t)}
                      >
                        {t.active ? 'Retire' : 'Reactivate'}
                        <span className="visually-hidden"> {t.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && editing === null && (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            Add a call type
          </button>
        </p>
      )}
      {admin && (editing === 'new' || current) && (
        <CallTypeForm
          key={editing}
          type={current}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) setSaid(`${saved.name} saved.`);
            await changed();
          }}
        />
      )}
    </section>
  );
}

function hostsText(t: CallType): string {
  if (t.hosts === 'assignee') return 'the ticket’s assignee';
  const among = [t.team ? 'a team' : null, t.region ? `region ${t.region}` : null, t.skill ? `skill ${t.skill}` : null]
    .filter(Boolean)
    .join(', ');
  return `round robin${among ? ` (${among})` : ''}, ${t.distribution === 'equal' ? 'equal share' : 'first available'}`;
}

function minutesText(m: number): string {
  if (m === 0) return 'no notice';
  if (m % 1440 === 0) return `${m / 1440} d notice`;
  if (m % 60 === 0) return `${m / 60} h notice`;
  return `${m} min notice`;
}

function CallTypeForm({
  type,
  onDone,
}: {
  type: CallType | undefined;
  onDone: (saved?: CallType) => Promise<unknown>;
}) {
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => get<Teams>('/api/v1/teams'), staleTime: 60_000 });
  const [hosts, setHosts] = useState<'assignee' | 'round-robin'>(
    type?.hosts === 'round-robin' ? 'round-robin' : 'assignee',
  );
  const [video, setVideo] = useState<'template' | 'personal' | 'none'>(
    type?.video === 'personal' || type?.video === 'none' ? type.video : 'template',
  );
  const save = useMutation({
    mutationFn: (body: CallTypeInput) =>
      type
        ? api<CallType>('PATCH', `/api/v1/call-types/${type.id}`, body)
        : api<CallType>('POST', '/api/v1/call-types', body),
    onSuccess: (saved) => onDone(saved),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const number = (name: string) => Number(text(name));
    const maxPerDay = text('maxPerAgentPerDay');
    save.mutate({
      name: text('name'),
      durationMinutes: number('durationMinutes'),
      bufferBeforeMinutes: number('bufferBeforeMinutes'),
      bufferAfterMinutes: number('bufferAfterMinutes'),
      minNoticeMinutes: number('minNoticeMinutes'),
      horizonDays: number('horizonDays'),
      maxPerAgentPerDay: maxPerDay ? Number(maxPerDay) : null,
      hosts,
      ...(hosts === 'round-robin'
        ? {
            distribution: text('distribution') === 'equal' ? 'equal' : 'available',
            team: text('team') || null,
            region: text('region') || null,
            skill: text('skill') || null,
          }
        : {}),
      plans: text('plans')
        .split(/[\s,]+/)
        .filter(Boolean),
      video,
      ...(video === 'template' ? { videoUrlTemplate: text('videoUrlTemplate') } : {}),
    });
  }
  const title = type ? `Change ${type.name}` : 'A new call type';
  return (
    <form className="field-form call-type-form" onSubmit={submit} aria-labelledby="call-type-form-title">
      <h2 id="call-type-form-title">{title}</h2>
      <div className="field-form-grid">
        <label>
          Name
          <input name="name" required maxLength={100} defaultValue={type?.name ?? ''} placeholder="Screen share" />
        </label>
        <label>
          Length (minutes)
          <input
            name="durationMinutes"
            type="number"
            required
            min={5}
            max={480}
            defaultValue={type?.durationMinutes ?? 30}
          />
        </label>
        <label>
          Buffer before (minutes)
          <input
            name="bufferBeforeMinutes"
            type="number"
            min={0}
            max={240}
            defaultValue={type?.bufferBeforeMinutes ?? 0}
          />
        </label>
        <label>
          Buffer after (minutes)
          <input
            name="bufferAfterMinutes"
            type="number"
            min={0}
            max={240}
            defaultValue={type?.bufferAfterMinutes ?? 0}
          />
        </label>
        <label>
          Minimum notice (minutes)
          <input
            name="minNoticeMinutes"
            type="number"
            min={0}
            max={43200}
            defaultValue={type?.minNoticeMinutes ?? 240}
          />
        </label>
        <label>
          Bookable ahead (days)
          <input name="horizonDays" type="number" min={1} max={90} defaultValue={type?.horizonDays ?? 14} />
        </label>
        <label>
          Most calls per agent a day
          <input
            name="maxPerAgentPerDay"
            type="number"
            min={1}
            max={50}
            defaultValue={type?.maxPerAgentPerDay ?? ''}
            placeholder="no limit"
          />
        </label>
        <label>
          Plans that may book it themselves
          <input name="plans" defaultValue={type?.plans.join(', ') ?? ''} placeholder="every plan" />
        </label>
      </div>
      <fieldset className="choice-row">
        <legend>Host</legend>
        <label className="inline">
          <input type="radio" name="hosts" checked={hosts === 'assignee'} onChange={() => setHosts('assignee')} />
          The ticket’s assignee
        </label>
        <label className="inline">
          <input type="radio" name="hosts" checked={hosts === 'round-robin'} onChange={() => setHosts('round-robin')} />
          Round robin over agents
        </label>
      </fieldset>
      {hosts === 'round-robin' && (
        <div className="field-form-grid">
          <label>
            Team
            <select name="team" defaultValue={type?.team ?? ''}>
              <option value="">any team</option>
              {(teams.data?.items ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Region
            <input name="region" defaultValue={type?.region ?? ''} placeholder="any region" />
          </label>
          <label>
            Skill
            <input name="skill" defaultValue={type?.skill ?? ''} placeholder="any skill" />
          </label>
          <label>
            Share calls
            <select name="distribution" defaultValue={type?.distribution === 'equal' ? 'equal' : 'available'}>
              <option value="available">first available (least recently booked)</option>
              <option value="equal">equally (fewest calls)</option>
            </select>
          </label>
        </div>
      )}
      <fieldset className="choice-row">
        <legend>Video</legend>
        <label className="inline">
          <input type="radio" name="video" checked={video === 'template'} onChange={() => setVideo('template')} />A room
          per call
        </label>
        <label className="inline">
          <input type="radio" name="video" checked={video === 'personal'} onChange={() => setVideo('personal')} />
          The host’s personal room
        </label>
        <label className="inline">
          <input type="radio" name="video" checked={video === 'none'} onChange={() => setVideo('none')} />
          None (a phone call)
        </label>
      </fieldset>
      {video === 'template' && (
        <label>
          Room URL, with {'{room}'} where each call’s own room name goes
          <input
            name="videoUrlTemplate"
            required
            defaultValue={type?.videoUrlTemplate ?? ''}
            placeholder="https://meet.example.com/support-{room}"
          />
        </label>
      )}
      <p className="inline-form">
        <button type="submit" disabled={save.isPending}>
          {type ? 'Save changes' : 'Add the call type'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone()}>
          Close
        </button>
      </p>
      <ErrorText error={save.error} />
    </form>
  );
}
