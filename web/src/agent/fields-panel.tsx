import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type Severity, type TicketField } from '../shared/api.js';
import { apiValueOf, draftOf, type FieldDraft, FieldInput } from '../shared/field-input.js';
import { ErrorText } from '../shared/ui.js';

// The ticket's custom fields beside the conversation, and the severity the customer chose. A ticket
// that came by mail may lack required fields: they are marked, and the agent fills them in here.

export function FieldsPanel(props: { number: number; severity?: number | null; onChanged: () => Promise<unknown> }) {
  const client = useQueryClient();
  const fields = useQuery({
    queryKey: ['ticket-fields', props.number],
    queryFn: () => get<{ items: TicketField[] }>(`/api/v1/tickets/${props.number}/fields`),
  });
  const severities = useQuery({
    queryKey: ['severities'],
    queryFn: () => get<{ items: Severity[] }>('/api/v1/severities'),
    enabled: Boolean(props.severity),
    staleTime: 300_000,
  });
  const [drafts, setDrafts] = useState<Record<string, FieldDraft>>({});
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) =>
      api<{ items: TicketField[] }>('PATCH', `/api/v1/tickets/${props.number}/fields`, { values }),
    onSuccess: async (result) => {
      client.setQueryData(['ticket-fields', props.number], result);
      setDrafts({});
      await props.onChanged();
    },
  });
  const items = fields.data?.items ?? [];
  const severity = severities.data?.items.find((s) => s.level === props.severity);
  if (items.length === 0 && !props.severity) return <ErrorText error={fields.error} />;
  const changed = Object.keys(drafts);
  const missing = items.filter((f) => f.missing && changed.indexOf(f.key) < 0);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(Object.fromEntries(changed.map((key) => [key, apiValueOf(drafts[key] as FieldDraft)])));
  }
  return (
    <section aria-labelledby="custom-fields-title" className="panel fields-panel">
      <h2 id="custom-fields-title">Fields</h2>
      {props.severity && (
        <p className="small">
          Customer's severity: <strong>{severity?.name ?? `Severity ${props.severity}`}</strong>
          {severity && <span className="muted"> — {severity.definition}</span>}
        </p>
      )}
      {missing.length > 0 && (
        <p className="notice small">Missing: {missing.map((f) => f.label).join(', ')} (required).</p>
      )}
      {items.length > 0 && (
        <form onSubmit={submit} aria-label="Custom fields">
          {items.map((f) => (
            <div key={f.key} className={f.internal ? 'internal-field' : undefined}>
              <FieldInput
                field={{ ...f, label: f.internal ? `${f.label} (internal)` : f.label }}
                idPrefix={`ticket-${props.number}`}
                value={drafts[f.key] ?? draftOf(f, f.value)}
                onChange={(value) => setDrafts({ ...drafts, [f.key]: value })}
              />
            </div>
          ))}
          <button type="submit" className="small" disabled={changed.length === 0 || save.isPending}>
            Save fields
          </button>
        </form>
      )}
      <ErrorText error={save.error ?? fields.error} />
    </section>
  );
}
