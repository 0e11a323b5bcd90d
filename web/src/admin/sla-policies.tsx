import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, get } from '../shared/api.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';

interface Policy {
  id: string;
  name: string;
  priority: string | null;
  plan: string | null;
  firstReplyMinutes: number | null;
  nextReplyMinutes: number | null;
  periodicUpdateMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
  pauseOnHold: boolean;
}

const hm = (m: number | null) => (m === null ? '—' : m % 60 === 0 ? `${m / 60} h` : `${m} min`);

type Draft = Omit<Policy, 'id'>;
const METRICS = ['firstReplyMinutes', 'nextReplyMinutes', 'periodicUpdateMinutes', 'resolutionMinutes'] as const;
const METRIC_NAMES = {
  firstReplyMinutes: 'First reply',
  nextReplyMinutes: 'Next reply',
  periodicUpdateMinutes: 'Periodic update',
  resolutionMinutes: 'Resolution',
};

export function SlaPoliciesPage() {
  const client = useQueryClient();
  const session = useSession();
  const policies = useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => get<{ items: Policy[] }>('/api/v1/sla/policies'),
  });
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const save = useMutation({
    mutationFn: (items: Draft[]) => api('PUT', '/api/v1/sla/policies', { items }),
    onSuccess: async () => {
      setDrafts(null);
      await client.invalidateQueries({ queryKey: ['sla-policies'] });
    },
  });
  const admin = session.actor.role === 'admin';
  const rows: Draft[] = drafts ?? policies.data?.items.map(({ id: _id, ...rest }) => rest) ?? [];
  const edit = (i: number, patch: Partial<Draft>) =>
    setDrafts(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const minutes = (value: string) => (value.trim() === '' ? null : Number(value));
  return (
    <section aria-labelledby="sla-title">
      <h1 id="sla-title">SLA policies</h1>
      <p className="muted">
        Targets in minutes; the most specific policy (priority and plan) applies to a ticket. Empty: no target.
        {admin ? '' : ' Only an admin can change them.'}
      </p>
      {policies.isPending && <Loading what="policies" />}
      <ErrorText error={policies.error} />
      {policies.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(rows);
          }}
        >
          <div className="table-scroll">
            <table className="tickets">
              <thead>
                <tr>
                  <th scope="col">Policy</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Plan</th>
                  {METRICS.map((m) => (
                    <th scope="col" key={m}>
                      {METRIC_NAMES[m]}
                    </th>
                  ))}
                  <th scope="col">Support hours</th>
                  <th scope="col">On-hold pauses</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id until saved
                  <tr key={i}>
                    <td>
                      <input
                        aria-label="Policy name"
                        value={p.name}
                        disabled={!admin}
                        onChange={(e) => edit(i, { name: e.target.value })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Priority of ${p.name}`}
                        value={p.priority ?? ''}
                        disabled={!admin}
                        onChange={(e) => edit(i, { priority: e.target.value || null })}
                      >
                        <option value="">any</option>
                        {['low', 'normal', 'high', 'urgent'].map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={`Plan of ${p.name}`}
                        value={p.plan ?? ''}
                        placeholder="any"
                        disabled={!admin}
                        onChange={(e) => edit(i, { plan: e.target.value || null })}
                      />
                    </td>
                    {METRICS.map((m) => (
                      <td key={m}>
                        <input
                          aria-label={`${METRIC_NAMES[m]} of ${p.name}, minutes`}
                          type="number"
                          min={1}
                          value={p[m] ?? ''}
                          disabled={!admin}
                          onChange={(e) => edit(i, { [m]: minutes(e.target.value) })}
                        />
                        <span className="muted small">{hm(p[m])}</span>
                      </td>
                    ))}
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${p.name} counts in support hours`}
                        checked={p.businessHours}
                        disabled={!admin}
                        onChange={(e) => edit(i, { businessHours: e.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`On-hold pauses ${p.name}`}
                        checked={p.pauseOnHold}
                        disabled={!admin}
                        onChange={(e) => edit(i, { pauseOnHold: e.target.checked })}
                      />
                    </td>
                    <td>
                      {admin && (
                        <button
                          type="button"
                          className="small"
                          onClick={() => setDrafts(rows.filter((_, j) => j !== i))}
                        >
                          Remove {p.name}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {admin && (
            <p className="inline-form">
              <button
                type="button"
                onClick={() =>
                  setDrafts([
                    ...rows,
                    {
                      name: 'New policy',
                      priority: null,
                      plan: null,
                      firstReplyMinutes: null,
                      nextReplyMinutes: null,
                      periodicUpdateMinutes: null,
                      resolutionMinutes: null,
                      businessHours: true,
                      pauseOnHold: false,
                    },
                  ])
                }
              >
                Add a policy
              </button>
              <button type="submit" disabled={!drafts || save.isPending}>
                Save policies
              </button>
            </p>
          )}
          <ErrorText error={save.error} />
        </form>
      )}
    </section>
  );
}
