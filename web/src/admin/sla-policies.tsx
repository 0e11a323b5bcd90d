import { useQuery } from '@tanstack/react-query';
import { get } from '../shared/api.js';
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

export function SlaPoliciesPage() {
  const policies = useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => get<{ items: Policy[] }>('/api/v1/sla/policies'),
  });
  return (
    <section aria-labelledby="sla-title">
      <h1 id="sla-title">SLA policies</h1>
      <p className="muted">
        The most specific policy (priority and plan) applies to a ticket. Admins replace them with{' '}
        <code>PUT /api/v1/sla/policies</code>.
      </p>
      {policies.isPending && <Loading what="policies" />}
      <ErrorText error={policies.error} />
      {policies.data && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Priority</th>
              <th scope="col">Plan</th>
              <th scope="col">First reply</th>
              <th scope="col">Next reply</th>
              <th scope="col">Periodic update</th>
              <th scope="col">Resolution</th>
              <th scope="col">Counts in</th>
            </tr>
          </thead>
          <tbody>
            {policies.data.items.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.priority ?? 'any'}</td>
                <td>{p.plan ?? 'any'}</td>
                <td>{hm(p.firstReplyMinutes)}</td>
                <td>{hm(p.nextReplyMinutes)}</td>
                <td>{hm(p.periodicUpdateMinutes)}</td>
                <td>{hm(p.resolutionMinutes)}</td>
                <td>
                  {p.businessHours ? 'support hours' : 'calendar hours'}
                  {p.pauseOnHold ? ', on-hold pauses' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
