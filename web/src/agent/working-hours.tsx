import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { ErrorText, Loading } from '../shared/ui.js';

type Schedule = ResponseOf<'/api/v1/agents/{id}/schedule', 'get'>;

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;

/**
 * The agent's own week, in their zone: routing, coverage and handover read it. The roster's schedule
 * API owns it (a lead may change anyone's there); here an agent changes only their own.
 */
export function WorkingHours({ agentId, timeZone }: { agentId: string; timeZone: string | undefined }) {
  const client = useQueryClient();
  const key = ['schedule', agentId];
  const schedule = useQuery({
    queryKey: key,
    queryFn: () => get<Schedule>(`/api/v1/agents/${agentId}/schedule`),
  });
  const save = useMutation({
    mutationFn: (body: { hours: Record<string, string>; handOverDefault: boolean }) =>
      api<Schedule>('PUT', `/api/v1/agents/${agentId}/schedule`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['me'] });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours: Record<string, string> = {};
    for (const [day] of DAYS) {
      const value = String(form.get(day) ?? '').trim();
      hours[day] = value === '' ? 'off' : value;
    }
    save.mutate({ hours, handOverDefault: form.get('handOverDefault') === 'on' });
  }
  const s = schedule.data;
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">Working hours</h2>
      {schedule.isPending && <Loading what="your hours" />}
      <ErrorText error={schedule.error} />
      {s && (
        <form onSubmit={submit} key={JSON.stringify([s.hours, s.handOverDefault])}>
          <p className="muted">
            In your time zone ({timeZone ?? s.timeZone}). Routing sends you tickets in these hours; leave a day empty
            for a day off. Split shifts: 09:00-12:00,13:00-17:00.
          </p>
          <div className="hours-grid">
            {DAYS.map(([day, label]) => (
              <label key={day}>
                {label}
                <input name={day} defaultValue={s.hours[day] ?? ''} placeholder="off" maxLength={200} />
              </label>
            ))}
          </div>
          <label className="inline">
            <input type="checkbox" name="handOverDefault" defaultChecked={s.handOverDefault} /> Hand over the tickets
            assigned to me by hand too when my day ends (unticked: they stay with me, pinned)
          </label>
          <ErrorText error={save.error} />
          <button type="submit" disabled={save.isPending}>
            Save the hours
          </button>
          {save.isSuccess && <p role="status">Your working hours are saved.</p>}
        </form>
      )}
    </section>
  );
}
