import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type Person, type Severity, type TicketField } from '../shared/api.js';
import { showValue } from '../shared/field-input.js';
import { ErrorText } from '../shared/ui.js';

// Beside a customer's ticket: the severity they chose, the fields they can see, who else follows it,
// and a way to copy a colleague of their organization onto it.

export function PortalTicketDetails(props: {
  number: number;
  severity: number | null | undefined;
  ccs: Person[];
  closed: boolean;
}) {
  const client = useQueryClient();
  const fields = useQuery({
    queryKey: ['ticket-fields', props.number],
    queryFn: () => get<{ items: TicketField[] }>(`/api/v1/tickets/${props.number}/fields`),
  });
  const severities = useQuery({
    queryKey: ['severities'],
    queryFn: () => get<{ items: Severity[] }>('/api/v1/severities'),
    enabled: Boolean(props.severity),
  });
  const colleagues = useQuery({
    queryKey: ['colleagues'],
    queryFn: () => get<{ items: Person[] }>('/api/v1/portal/colleagues'),
    enabled: !props.closed,
  });
  const [email, setEmail] = useState('');
  const add = useMutation({
    mutationFn: () => api('POST', `/api/v1/tickets/${props.number}/colleagues`, { emails: [email] }),
    onSuccess: async () => {
      setEmail('');
      await client.invalidateQueries({ queryKey: ['ticket', props.number] });
    },
  });
  const severity = severities.data?.items.find((s) => s.level === props.severity);
  const filled = (fields.data?.items ?? []).filter((f) => showValue(f.value) !== '—');
  const ccEmails = props.ccs.map((c) => c.email);
  const addable = (colleagues.data?.items ?? []).filter((c) => !ccEmails.includes(c.email));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (email) add.mutate();
  }
  return (
    <section className="portal-details" aria-label="Ticket details">
      <dl>
        {severity && (
          <div>
            <dt>Severity</dt>
            <dd>
              {severity.name} <span className="muted small">— {severity.definition}</span>
            </dd>
          </div>
        )}
        {filled.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd>{showValue(f.value)}</dd>
          </div>
        ))}
        <div>
          <dt>Copied</dt>
          <dd>{props.ccs.length > 0 ? props.ccs.map((c) => c.name ?? c.email).join(', ') : 'nobody'}</dd>
        </div>
      </dl>
      {!props.closed && addable.length > 0 && (
        <form className="inline-form" onSubmit={submit} aria-label="Copy a colleague">
          <label>
            Copy a colleague
            <select value={email} onChange={(e) => setEmail(e.target.value)}>
              <option value="">Choose…</option>
              {addable.map((c) => (
                <option key={c.id} value={c.email}>
                  {c.name ? `${c.name} (${c.email})` : c.email}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!email || add.isPending}>
            Add
          </button>
        </form>
      )}
      <ErrorText error={add.error ?? fields.error} />
    </section>
  );
}
