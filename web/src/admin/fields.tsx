import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type CustomField, get, type Severity } from '../shared/api.js';
import { TICKET_PRIORITIES } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';

// Admins define the ticket's custom fields (and who fills them in), and the severities customers
// choose from in the portal with the priority each gives a ticket.

const TYPES: Record<CustomField['type'], string> = {
  text: 'Text',
  number: 'Number',
  select: 'One of a list',
  multiselect: 'Several of a list',
  date: 'Date',
};

const keyOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

export function FieldsPage() {
  const session = useSession();
  const admin = session.actor.role === 'admin';
  return (
    <section aria-labelledby="fields-title" className="fields-admin">
      <h1 id="fields-title">Ticket fields and severities</h1>
      {!admin && <p className="muted">Only an admin can change these.</p>}
      <FieldList admin={admin} />
      <SeverityTable admin={admin} />
    </section>
  );
}

function FieldList({ admin }: { admin: boolean }) {
  const client = useQueryClient();
  const fields = useQuery({ queryKey: ['fields'], queryFn: () => get<{ items: CustomField[] }>('/api/v1/fields') });
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/fields/${id}`),
    onSuccess: async () => {
      setDeleting(null);
      await client.invalidateQueries({ queryKey: ['fields'] });
    },
  });
  const items = fields.data?.items ?? [];
  return (
    <section aria-labelledby="field-list-title">
      <h2 id="field-list-title">Custom fields</h2>
      <p className="muted">
        Shown on every ticket, or only on tickets of organizations on the plans you name. Customers fill in the fields
        marked for the portal when they open a ticket; internal fields are never shown to them.
      </p>
      {fields.isPending && <Loading what="fields" />}
      <ErrorText error={fields.error} />
      {fields.data && items.length === 0 && <p>No custom fields yet.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="fields-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Plans</th>
                <th scope="col">Rules</th>
                {admin && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.key}>
                  <td>
                    <strong>{f.label}</strong>
                    <div className="small muted">
                      <code>field.{f.key}</code>
                    </div>
                  </td>
                  <td>
                    {TYPES[f.type]}
                    {f.options.length > 0 && <div className="small muted">{f.options.join(', ')}</div>}
                  </td>
                  <td>{f.plans && f.plans.length > 0 ? f.plans.join(', ') : 'all'}</td>
                  <td>
                    {[f.required && 'required', f.customerEditable && 'in the portal', f.internal && 'internal']
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </td>
                  {admin && (
                    <td className="actions">
                      <button type="button" className="link" onClick={() => setEditing(f)}>
                        Edit <span className="visually-hidden">{f.label}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => (deleting === f.id ? remove.mutate(f.id as string) : setDeleting(f.id ?? null))}
                      >
                        {deleting === f.id ? 'Really delete, with every value?' : 'Delete'}{' '}
                        <span className="visually-hidden">{f.label}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorText error={remove.error} />
      {admin && editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          Add a field
        </button>
      )}
      {admin && editing !== null && (
        <FieldForm
          key={editing === 'new' ? 'new' : editing.key}
          field={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function FieldForm({ field, onDone }: { field: CustomField | null; onDone: () => void }) {
  const client = useQueryClient();
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [type, setType] = useState<CustomField['type']>(field?.type ?? 'text');
  const [error, setError] = useState<unknown>(null);
  const choice = type === 'select' || type === 'multiselect';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lines = (name: string, split: RegExp) =>
      String(form.get(name) ?? '')
        .split(split)
        .map((s) => s.trim())
        .filter(Boolean);
    const body = {
      label: label.trim(),
      description: String(form.get('description') ?? '').trim() || null,
      options: choice ? lines('options', /\n/) : [],
      plans: lines('plans', /,/),
      required: form.get('required') === 'on',
      customerEditable: form.get('customerEditable') === 'on',
      internal: form.get('internal') === 'on',
      position: Number(form.get('position') ?? 0) || 0,
    };
    setError(null);
    try {
      if (field) await api('PATCH', `/api/v1/fields/${field.id}`, body);
      else await api('POST', '/api/v1/fields', { ...body, key: key || keyOf(label), type });
      await client.invalidateQueries({ queryKey: ['fields'] });
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="field-form" onSubmit={submit} aria-labelledby="field-form-title">
      <h3 id="field-form-title">{field ? `Edit ${field.label}` : 'New field'}</h3>
      <div className="field-form-grid">
        <label>
          Label
          <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={100} />
        </label>
        <label>
          Key (for the API and filters)
          <input
            value={field ? field.key : key}
            placeholder={keyOf(label) || 'deployment'}
            onChange={(e) => setKey(e.target.value)}
            disabled={Boolean(field)}
            pattern="[a-z][a-z0-9_]{0,39}"
          />
        </label>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => setType(e.target.value as CustomField['type'])}
            disabled={Boolean(field)}
          >
            {Object.entries(TYPES).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Plans (comma-separated; empty: every organization)
          <input name="plans" defaultValue={field?.plans?.join(', ') ?? ''} placeholder="enterprise, premium" />
        </label>
        <label>
          Order
          <input name="position" type="number" min={0} defaultValue={field?.position ?? 0} />
        </label>
      </div>
      {choice && (
        <label>
          Options, one per line
          <textarea name="options" rows={4} defaultValue={field?.options.join('\n') ?? ''} required />
        </label>
      )}
      <label>
        Help text (shown under the field)
        <input name="description" defaultValue={field?.description ?? ''} maxLength={500} />
      </label>
      <fieldset className="field-choices">
        <legend>Rules</legend>
        <label className="choice">
          <input type="checkbox" name="required" defaultChecked={field?.required} /> Required
        </label>
        <label className="choice">
          <input type="checkbox" name="customerEditable" defaultChecked={field?.customerEditable} /> Customers fill it
          in when they open a ticket in the portal
        </label>
        <label className="choice">
          <input type="checkbox" name="internal" defaultChecked={field?.internal} /> Internal: agents only, never shown
          to customers
        </label>
      </fieldset>
      <ErrorText error={error} />
      <button type="submit">{field ? 'Save field' : 'Add field'}</button>{' '}
      <button type="button" className="link" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function SeverityTable({ admin }: { admin: boolean }) {
  const client = useQueryClient();
  const severities = useQuery({
    queryKey: ['severities'],
    queryFn: () => get<{ items: Severity[] }>('/api/v1/severities'),
  });
  const [drafts, setDrafts] = useState<Severity[] | null>(null);
  const save = useMutation({
    mutationFn: (items: Severity[]) => api('PUT', '/api/v1/severities', { items }),
    onSuccess: async () => {
      setDrafts(null);
      await client.invalidateQueries({ queryKey: ['severities'] });
    },
  });
  const rows = drafts ?? severities.data?.items ?? [];
  const edit = (level: number, patch: Partial<Severity>) =>
    setDrafts(rows.map((row) => (row.level === level ? { ...row, ...patch } : row)));
  return (
    <section aria-labelledby="severity-title">
      <h2 id="severity-title">Severities in the portal</h2>
      <p className="muted">
        A customer opening a ticket chooses how bad it is, reading these definitions; the ticket takes the priority
        beside it.
      </p>
      {severities.isPending && <Loading what="severities" />}
      <ErrorText error={severities.error} />
      {rows.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(rows);
          }}
          aria-label="Severities"
        >
          <div className="table-scroll">
            <table className="severity-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Definition shown to customers</th>
                  <th scope="col">Priority</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.level}>
                    <td>
                      <input
                        aria-label={`Name of severity ${s.level}`}
                        value={s.name}
                        disabled={!admin}
                        maxLength={60}
                        onChange={(e) => edit(s.level, { name: e.target.value })}
                      />
                    </td>
                    <td>
                      <textarea
                        aria-label={`Definition of severity ${s.level}`}
                        value={s.definition}
                        rows={2}
                        disabled={!admin}
                        maxLength={500}
                        onChange={(e) => edit(s.level, { definition: e.target.value })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`Priority of severity ${s.level}`}
                        value={s.priority}
                        disabled={!admin}
                        onChange={(e) => edit(s.level, { priority: e.target.value as Severity['priority'] })}
                      >
                        {[...TICKET_PRIORITIES].reverse().map((p) => (
                          <option key={p}>{p}</option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {admin && (
            <button type="submit" disabled={drafts === null || save.isPending}>
              Save severities
            </button>
          )}
          <ErrorText error={save.error} />
        </form>
      )}
    </section>
  );
}
