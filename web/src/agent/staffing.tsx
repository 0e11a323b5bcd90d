import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { type FormEvent, useState } from 'react';
import { api, get, type ItemOf, type RequestOf, type ResponseOf } from '../shared/api.js';
import { viewerZone } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { BeforeAfter, percent, type WhatIf } from './staffing-week.js';

// A lead's two staffing questions: where one more engineer helps most (the candidates ranked, and
// the week before and after the chosen one), and what if the roster changed (someone added, leaving
// or working other hours). Both replay the tickets of the last weeks through the server's model;
// nothing here is saved but the model's assumptions.

type Ranking = ResponseOf<'/api/v1/staffing/where-to-hire', 'get'>;
type Candidate = Ranking['candidates'][number];
type WhatIfBody = RequestOf<'/api/v1/staffing/what-if', 'post'>;
type Settings = ResponseOf<'/api/v1/staffing/settings', 'get'>;
type Agent = ItemOf<ResponseOf<'/api/v1/agents', 'get'>>;
type Schedule = ResponseOf<'/api/v1/agents/{id}/schedule', 'get'>;

const DAY_NAMES: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const dash = (hours: string) => hours.replace('-', '–');
const hoursAmount = (n: number) => `${Number(n.toFixed(2))} h`;
const targetWords = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} h` : minutes > 60 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`;

function whatIf(body: WhatIfBody): Promise<WhatIf> {
  return api<WhatIf>('POST', '/api/v1/staffing/what-if', body);
}

/** "Thu 11, Fri 12, Mon 15 Jun, 00:00–08:00": the coming week's intervals grouped by their local hours. */
function intervalsInWords(list: { start: string; end: string }[], zone: string): string[] {
  const groups = new Map<string, DateTime[]>();
  const long: string[] = [];
  for (const interval of list) {
    const start = DateTime.fromISO(interval.start, { zone });
    const end = DateTime.fromISO(interval.end, { zone });
    if (end.diff(start, 'hours').hours >= 24) {
      long.push(`${start.toFormat('ccc d LLL HH:mm')} – ${end.toFormat('ccc d LLL HH:mm')}`);
      continue;
    }
    const key = `${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
    groups.set(key, [...(groups.get(key) ?? []), start]);
  }
  const dayList = (days: DateTime[]) => {
    const first = days[0] as DateTime;
    return days.every((d) => d.hasSame(first, 'month'))
      ? `${days.map((d) => d.toFormat('ccc d')).join(', ')} ${first.toFormat('LLL')}`
      : days.map((d) => d.toFormat('ccc d LLL')).join(', ');
  };
  return [...[...groups].map(([times, days]) => `${dayList(days)}, ${times}`), ...long];
}

/** "Mon–Fri 09:00–17:00", or day by day when the days differ. */
function scheduleWords(hours: Record<string, string>): string {
  const days = Object.keys(DAY_NAMES).filter((d) => hours[d]);
  if (days.length === 0) return 'no hours';
  const values = new Set(days.map((d) => hours[d]));
  const first = days[0] as string;
  const order = Object.keys(DAY_NAMES);
  const contiguous = days.every((d, i) => order.indexOf(d) === order.indexOf(first) + i);
  if (values.size === 1) {
    const label =
      contiguous && days.length > 2
        ? `${DAY_NAMES[first]}–${DAY_NAMES[days.at(-1) as string]}`
        : days.map((d) => DAY_NAMES[d]).join(', ');
    return `${label} ${dash(hours[first] as string)}`;
  }
  return days.map((d) => `${DAY_NAMES[d]} ${dash(hours[d] as string)}`).join(', ');
}

export function StaffingPage() {
  const session = useSession();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  return (
    <section aria-labelledby="staffing-title" className="staffing">
      <h1 id="staffing-title">Where to hire</h1>
      {lead ? <LeadStaffing /> : <p>Where to hire and what if are for leads: ask yours to look with you.</p>}
    </section>
  );
}

/** A shift's start and end, as the API writes it: "09:00-17:00". */
function ShiftInputs({
  start,
  end,
  onChange,
  who,
}: {
  start: string;
  end: string;
  onChange: (start: string, end: string) => void;
  who: string;
}) {
  return (
    <>
      <label>
        {who} day starts
        <input type="time" step={900} required value={start} onChange={(e) => onChange(e.target.value, end)} />
      </label>
      <label>
        {who} day ends
        <input type="time" step={900} required value={end} onChange={(e) => onChange(start, e.target.value)} />
      </label>
    </>
  );
}

function LeadStaffing() {
  const [weeksText, setWeeksText] = useState('8');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  const [asked, setAsked] = useState({ weeks: 8, hours: '09:00-17:00' });
  const [picked, setPicked] = useState<string | null>(null);
  const ranking = useQuery({
    queryKey: ['staffing', 'where-to-hire', asked],
    queryFn: () =>
      get<Ranking>(`/api/v1/staffing/where-to-hire?weeks=${asked.weeks}&hours=${encodeURIComponent(asked.hours)}`),
    placeholderData: keepPreviousData,
    refetchInterval: false,
  });
  const data = ranking.data;
  const candidate = data?.candidates.find((c) => c.zone === picked) ?? data?.candidates[0];

  function rank(event: FormEvent) {
    event.preventDefault();
    setAsked({ weeks: Number(weeksText), hours: `${start}-${end}` });
  }

  return (
    <>
      <p className="muted">
        One more engineer: in which zone do they help most? Candidates in each region’s common zones are tried against
        today’s roster and the tickets that really arrived. Times are in {viewerZone}.
      </p>
      <form className="inline-form staffing-ask" onSubmit={rank} aria-label="Rank candidates">
        <label>
          Weeks of history
          <input
            type="number"
            min={1}
            max={26}
            required
            value={weeksText}
            onChange={(e) => setWeeksText(e.target.value)}
          />
        </label>
        <ShiftInputs
          who="The hire’s"
          start={start}
          end={end}
          onChange={(s, e) => {
            setStart(s);
            setEnd(e);
          }}
        />
        <button type="submit">Rank candidates</button>
      </form>
      <section aria-labelledby="candidates-title" aria-busy={ranking.isFetching}>
        <h2 id="candidates-title">Candidates, best first</h2>
        {ranking.isPending && <Loading what="the candidates (a simulation per zone)" />}
        <ErrorText error={ranking.error} />
        {data && (
          <>
            <p className="how">
              How the ranking is made: the tickets of the last {data.weeks} weeks (recent weeks weigh more) are replayed
              against today’s roster plus one engineer working {dash(asked.hours)} their time, Monday to Friday; most
              first replies within {targetWords(data.assumptions.firstReplyMinutes)} wins, then most gap hours closed.
            </p>
            <p>
              Today: <strong>{percent(data.slaAttainmentNow)}</strong> of first replies in time, and{' '}
              <strong>{hoursAmount(data.gapHoursNow)}</strong> of coverage gaps in the coming week.
              {data.assumptions.ticketsPerWeek < 0.5 && ' No tickets arrived in these weeks: only gap hours rank them.'}
            </p>
            <p className="muted small">
              Gap hours: the coming week’s hours the coverage target asks someone to be at work and nobody is, counted
              per missing person.
            </p>
            <Candidates candidates={data.candidates} current={candidate} onPick={setPicked} />
          </>
        )}
      </section>
      {data && candidate && <CandidateWeek ranking={data} candidate={candidate} />}
      {data && <WhatIfSection weeks={data.weeks} candidates={data.candidates} />}
      <Assumptions ranking={data} />
    </>
  );
}

function Candidates({
  candidates,
  current,
  onPick,
}: {
  candidates: Candidate[];
  current: Candidate | undefined;
  onPick: (zone: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="staffing-table" aria-labelledby="candidates-title">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Zone</th>
            <th scope="col">Region</th>
            <th scope="col">First replies in time: today → with them</th>
            <th scope="col">Gap hours closed</th>
            <th scope="col">Hours, their time</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c, i) => {
            const shown = c.zone === current?.zone;
            return (
              <tr key={c.zone} className={shown ? 'current' : undefined}>
                <td>
                  {i + 1}
                  {i === 0 && <span className="badge best">Best</span>}
                </td>
                <th scope="row">
                  <button type="button" className="link" aria-pressed={shown} onClick={() => onPick(c.zone)}>
                    {c.zone}
                  </button>
                </th>
                <td>{c.region}</td>
                <td className="number">
                  {percent(c.slaAttainmentBefore)} → <strong>{percent(c.slaAttainmentAfter)}</strong>
                </td>
                <td className="number">{hoursAmount(c.gapHoursClosed)}</td>
                <td>{dash(c.hours)} Mon–Fri</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">Pick a zone to see its week before and after.</p>
    </div>
  );
}

function CandidateWeek({ ranking, candidate }: { ranking: Ranking; candidate: Candidate }) {
  const body: WhatIfBody = { weeks: ranking.weeks, add: [candidate.entry] };
  const week = useQuery({
    queryKey: ['staffing', 'candidate-week', body],
    // the zone travels with its answer: while the next one loads, the maps still say whose they are
    queryFn: async () => ({ zone: candidate.zone, result: await whatIf(body) }),
    placeholderData: keepPreviousData,
    refetchInterval: false,
  });
  const closes = intervalsInWords(candidate.closes, viewerZone);
  const gapsNow = intervalsInWords(ranking.gapsNow, viewerZone);
  return (
    <section aria-labelledby="candidate-title" aria-busy={week.isFetching} className="candidate-week">
      <h2 id="candidate-title">Before and after: one engineer in {candidate.zone}</h2>
      <p>
        {dash(candidate.hours)} {candidate.zone} time, Monday to Friday, with the public holidays of {candidate.country}
        . First replies in time: {percent(candidate.slaAttainmentBefore)} today,{' '}
        <strong>{percent(candidate.slaAttainmentAfter)}</strong> with them.
      </p>
      <p>
        In the coming week they close <strong>{hoursAmount(candidate.gapHoursClosed)}</strong> of{' '}
        {hoursAmount(ranking.gapHoursNow)} of gaps
        {closes.length > 0 ? ':' : '.'}
      </p>
      {closes.length > 0 && (
        <ul className="closes" aria-label={`Gaps ${candidate.zone} closes`}>
          {closes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {gapsNow.length > 0 && (
        <details>
          <summary>Today’s gaps in the coming week</summary>
          <ul>
            {gapsNow.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </details>
      )}
      {week.isPending && <Loading what="the week before and after" />}
      <ErrorText error={week.error} />
      {week.isPlaceholderData && <Loading what={`the week with one in ${candidate.zone}`} />}
      {week.data && (
        <BeforeAfter result={week.data.result} afterTitle={`With one in ${week.data.zone}`} zone={viewerZone} />
      )}
    </section>
  );
}

type Change =
  | { kind: 'add'; timeZone: string; hours: string; country: string | null }
  | { kind: 'remove'; email: string; name: string }
  | { kind: 'move'; email: string; name: string; hours: string };

function changeWords(c: Change): string {
  if (c.kind === 'add') return `One more engineer in ${c.timeZone}, ${dash(c.hours)} their time, Mon–Fri`;
  if (c.kind === 'remove') return `${c.name} leaves`;
  return `${c.name} works ${dash(c.hours)} on their days`;
}

function bodyOf(weeks: number, changes: Change[]): WhatIfBody {
  const add = changes.flatMap((c) =>
    c.kind === 'add' ? [{ timeZone: c.timeZone, hours: c.hours, ...(c.country ? { country: c.country } : {}) }] : [],
  );
  const remove = changes.flatMap((c) => (c.kind === 'remove' ? [c.email] : []));
  const change = changes.flatMap((c) => (c.kind === 'move' ? [{ email: c.email, hours: c.hours }] : []));
  return {
    weeks,
    ...(add.length ? { add } : {}),
    ...(remove.length ? { remove } : {}),
    ...(change.length ? { change } : {}),
  };
}

// every zone the browser knows, for typing one in
const ALL_ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
})();

function WhatIfSection({ weeks, candidates }: { weeks: number; candidates: Candidate[] }) {
  const [changes, setChanges] = useState<Change[]>([]);
  const agents = useQuery({
    queryKey: ['agents', 'active'],
    queryFn: () => get<{ items: Agent[] }>('/api/v1/agents?limit=100'),
    refetchInterval: false,
  });
  const people = (agents.data?.items ?? []).filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name));
  const body = bodyOf(weeks, changes);
  const result = useQuery({
    queryKey: ['staffing', 'what-if', body],
    queryFn: () => whatIf(body),
    enabled: changes.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval: false,
  });
  const add = (c: Change) => setChanges([...changes, c]);
  const shown = changes.length > 0 ? result.data : undefined;

  return (
    <section aria-labelledby="what-if-title" className="what-if" aria-busy={result.isFetching}>
      <h2 id="what-if-title">What if</h2>
      <p className="muted">
        Change the roster here and see what it does to first replies and gaps. Nothing is saved: the roster stays as it
        is. Changes add up, so you can try “lose one, hire one”.
      </p>
      <ErrorText error={agents.error} />
      <div className="what-if-forms">
        <AddEngineer candidates={candidates} onAdd={add} />
        <SomeoneLeaves people={people} onAdd={add} />
        <MoveHours people={people} onAdd={add} />
      </div>
      <h3>Your scenario</h3>
      {changes.length === 0 ? (
        <p className="muted">No changes yet: add one above.</p>
      ) : (
        <>
          <ol className="scenario">
            {changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same change may be listed twice
              <li key={`${i}-${changeWords(c)}`}>
                {changeWords(c)}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => setChanges(changes.filter((_, k) => k !== i))}
                  aria-label={`Take out: ${changeWords(c)}`}
                >
                  Take out
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => setChanges([])}>
            Start again
          </button>
        </>
      )}
      {changes.length > 0 && result.isPending && <Loading what="the scenario" />}
      {changes.length > 0 && <ErrorText error={result.error} />}
      {shown && !result.error && (
        <>
          <dl className="what-if-result" aria-live="polite">
            <div>
              <dt>First replies in time</dt>
              <dd>
                {percent(shown.before.slaAttainment)} → <strong>{percent(shown.after.slaAttainment)}</strong>
              </dd>
            </div>
            <div>
              <dt>Gap hours in the coming week</dt>
              <dd>
                {hoursAmount(shown.before.gapHours)} → <strong>{hoursAmount(shown.after.gapHours)}</strong>
              </dd>
            </div>
          </dl>
          <BeforeAfter result={shown} afterTitle="With your changes" zone={viewerZone} />
        </>
      )}
    </section>
  );
}

function AddEngineer({ candidates, onAdd }: { candidates: Candidate[]; onAdd: (c: Change) => void }) {
  const [zone, setZone] = useState(candidates[0]?.zone ?? '');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('17:00');
  function submit(event: FormEvent) {
    event.preventDefault();
    const known = candidates.find((c) => c.zone === zone.trim());
    onAdd({ kind: 'add', timeZone: zone.trim(), hours: `${start}-${end}`, country: known?.country ?? null });
  }
  return (
    <form onSubmit={submit} aria-labelledby="add-engineer-title">
      <fieldset>
        <legend id="add-engineer-title">Add an engineer</legend>
        <label>
          Time zone
          <input
            list="what-if-zones"
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            required
            spellCheck={false}
            autoComplete="off"
          />
          <datalist id="what-if-zones">
            {[...new Set([...candidates.map((c) => c.zone), ...ALL_ZONES])].map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <ShiftInputs
          who="Their"
          start={start}
          end={end}
          onChange={(s, e) => {
            setStart(s);
            setEnd(e);
          }}
        />
        <button type="submit">Add them</button>
      </fieldset>
    </form>
  );
}

function PersonPicker({
  people,
  value,
  onChange,
  label,
}: {
  people: Agent[];
  value: string;
  onChange: (email: string) => void;
  label: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Pick someone</option>
        {people.map((p) => (
          <option key={p.id} value={p.email}>
            {p.name} ({p.timeZone}
            {p.region ? `, ${p.region}` : ''})
          </option>
        ))}
      </select>
    </label>
  );
}

function SomeoneLeaves({ people, onAdd }: { people: Agent[]; onAdd: (c: Change) => void }) {
  const [email, setEmail] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    const person = people.find((p) => p.email === email);
    if (person) onAdd({ kind: 'remove', email: person.email, name: person.name });
  }
  return (
    <form onSubmit={submit} aria-labelledby="someone-leaves-title">
      <fieldset>
        <legend id="someone-leaves-title">Someone leaves</legend>
        <PersonPicker people={people} value={email} onChange={setEmail} label="Who leaves" />
        <button type="submit">Take them off</button>
      </fieldset>
    </form>
  );
}

function MoveHours({ people, onAdd }: { people: Agent[]; onAdd: (c: Change) => void }) {
  const [email, setEmail] = useState('');
  const [start, setStart] = useState('07:00');
  const [end, setEnd] = useState('15:00');
  const person = people.find((p) => p.email === email);
  const schedule = useQuery({
    queryKey: ['schedule', person?.id],
    queryFn: () => get<Schedule>(`/api/v1/agents/${person?.id}/schedule`),
    enabled: person !== undefined,
    refetchInterval: false,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (person) onAdd({ kind: 'move', email: person.email, name: person.name, hours: `${start}-${end}` });
  }
  return (
    <form onSubmit={submit} aria-labelledby="move-hours-title">
      <fieldset>
        <legend id="move-hours-title">Move someone’s hours</legend>
        <PersonPicker people={people} value={email} onChange={setEmail} label="Whose hours" />
        {person && schedule.data && (
          <p className="muted small">
            Now: {scheduleWords(schedule.data.hours)}, {schedule.data.timeZone} time.
          </p>
        )}
        <ShiftInputs
          who="Their new"
          start={start}
          end={end}
          onChange={(s, e) => {
            setStart(s);
            setEnd(e);
          }}
        />
        <button type="submit">Move their hours</button>
      </fieldset>
    </form>
  );
}

/** The model's assumptions: what the ranking planned with, and a lead's form to change them. */
function Assumptions({ ranking }: { ranking: Ranking | undefined }) {
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['staffing', 'settings'],
    queryFn: () => get<Settings>('/api/v1/staffing/settings'),
    refetchInterval: false,
  });
  const save = useMutation({
    mutationFn: (body: Settings) => api<Settings>('PUT', '/api/v1/staffing/settings', body),
    onSuccess: async (saved) => {
      client.setQueryData(['staffing', 'settings'], saved);
      // every answer on the page was planned with the old assumptions
      await client.invalidateQueries({ queryKey: ['staffing'] });
    },
  });
  const s = settings.data;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!s) return;
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    const target = String(form.get('firstReplyMinutes') ?? '').trim();
    save.mutate({
      ...s,
      occupancy: number('occupancy') / 100,
      shrinkage: number('shrinkage') / 100,
      handleMinutes: number('handleMinutes'),
      firstReplyMinutes: target === '' ? null : Number(target),
      halfLifeWeeks: number('halfLifeWeeks'),
    });
  }
  const a = ranking?.assumptions;
  return (
    <section aria-labelledby="assumptions-title" className="assumptions">
      <h2 id="assumptions-title">Assumptions</h2>
      {a && (
        <p>
          Planned for {Math.round(a.ticketsPerWeek)} tickets in a typical week
          {a.callsPerWeek > 0 ? ` and ${Math.round(a.callsPerWeek)} “call me now” calls` : ''}, a first reply within{' '}
          {targetWords(a.firstReplyMinutes)}
          {a.firstReplyInSupportHours ? ' of support hours' : ''} (
          {a.firstReplyFrom === 'settings'
            ? 'set below'
            : a.firstReplyFrom === 'policy'
              ? 'the SLA policy of a normal ticket'
              : 'the default'}
          ).
        </p>
      )}
      {settings.isPending && <Loading what="the assumptions" />}
      <ErrorText error={settings.error} />
      {s && (
        <form className="assumptions-form" onSubmit={submit} key={JSON.stringify(s)} aria-label="Assumptions">
          <label>
            Occupancy (%)
            <input
              name="occupancy"
              type="number"
              min={1}
              max={100}
              step="any"
              defaultValue={round(s.occupancy * 100)}
            />
            <span className="field-help">the most of their time at work engineers spend on tickets and calls</span>
          </label>
          <label>
            Shrinkage (%)
            <input name="shrinkage" type="number" min={0} max={99} step="any" defaultValue={round(s.shrinkage * 100)} />
            <span className="field-help">time at work away from the queue: meetings, breaks, training</span>
          </label>
          <label>
            Minutes per first reply
            <input name="handleMinutes" type="number" min={1} max={1440} step="any" defaultValue={s.handleMinutes} />
            <span className="field-help">the work on a ticket before its first reply</span>
          </label>
          <label>
            First-reply target (minutes)
            <input
              name="firstReplyMinutes"
              type="number"
              min={1}
              max={43200}
              step="any"
              defaultValue={s.firstReplyMinutes ?? ''}
              placeholder="from the SLA policy"
            />
            <span className="field-help">empty: the SLA policy of a normal ticket</span>
          </label>
          <label>
            Half-life (weeks)
            <input name="halfLifeWeeks" type="number" min={0.5} max={52} step="any" defaultValue={s.halfLifeWeeks} />
            <span className="field-help">a week this many weeks back counts half as much as last week</span>
          </label>
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              Save assumptions
            </button>
            {save.isSuccess && (
              <span role="status" className="muted">
                Saved; the answers above use them.
              </span>
            )}
          </div>
          <ErrorText error={save.error} />
        </form>
      )}
    </section>
  );
}

const round = (n: number) => Math.round(n * 100) / 100;
