import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type CustomField, get, type Person, type Severity } from '../shared/api.js';
import { apiValueOf, type FieldDraft, FieldInput, isBlank } from '../shared/field-input.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { attachmentsOf } from './files.js';

// Opening a ticket: the customer says how bad it is (a severity, its definition in front of them),
// fills in the fields the desk asks of them, and may copy colleagues of their organization.

export function PortalNewTicket() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [severity, setSeverity] = useState<number | null>(null);
  const [drafts, setDrafts] = useState<Record<string, FieldDraft>>({});
  const [ccs, setCcs] = useState<string[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const severities = useQuery({
    queryKey: ['severities'],
    queryFn: () => get<{ items: Severity[] }>('/api/v1/severities'),
  });
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => get<{ items: CustomField[] }>('/api/v1/fields'),
  });
  const colleagues = useQuery({
    queryKey: ['colleagues'],
    queryFn: () => get<{ items: Person[] }>('/api/v1/portal/colleagues'),
  });
  const editable = (fields.data?.items ?? []).filter((f) => f.customerEditable);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // what is missing is said at once, beside each input; the desk checks again
    const missing: Record<string, string> = {};
    if (severity === null) missing.severity = 'Choose a severity.';
    for (const f of editable) if (f.required && isBlank(drafts[f.key])) missing[f.key] = `${f.label} is required.`;
    setProblems(missing);
    if (Object.keys(missing).length > 0) {
      setError(new Error(`Please complete the form: ${Object.values(missing).join(' ')}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const attachments = await attachmentsOf(
        (event.currentTarget.elements.namedItem('files') as HTMLInputElement).files,
      );
      const values = Object.fromEntries(
        editable.filter((f) => !isBlank(drafts[f.key])).map((f) => [f.key, apiValueOf(drafts[f.key] as FieldDraft)]),
      );
      const ticket = await api<{ number: number }>('POST', '/api/v1/tickets', {
        subject: String(form.get('subject')),
        body: String(form.get('body')),
        severity,
        ...(Object.keys(values).length > 0 ? { fields: values } : {}),
        ...(ccs.length > 0 ? { ccEmails: ccs } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      navigate(`/portal/tickets/${ticket.number}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (severities.isPending || fields.isPending) return <Loading what="the form" />;
  return (
    <form className="stack new-ticket" onSubmit={submit} aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title">Open a ticket</h1>
      <ErrorText error={severities.error ?? fields.error} />
      <label>
        Subject
        <input name="subject" required maxLength={500} />
      </label>
      <fieldset
        className={`severities${problems.severity ? ' invalid' : ''}`}
        aria-describedby={problems.severity ? 'severity-error' : undefined}
      >
        <legend>
          How bad is it? <span className="required-mark">(required)</span>
        </legend>
        {(severities.data?.items ?? []).map((s) => (
          <label key={s.level} className={`severity-choice${severity === s.level ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="severity"
              value={s.level}
              checked={severity === s.level}
              onChange={() => setSeverity(s.level)}
              aria-describedby={`severity-${s.level}-definition`}
            />
            <span>
              <strong>{s.name}</strong>
              <span id={`severity-${s.level}-definition`} className="severity-definition">
                {s.definition}
              </span>
            </span>
          </label>
        ))}
        {problems.severity && (
          <span id="severity-error" className="error field-error">
            {problems.severity}
          </span>
        )}
      </fieldset>
      {editable.map((f) => (
        <FieldInput
          key={f.key}
          field={f}
          idPrefix="new-ticket"
          value={drafts[f.key] ?? (f.type === 'multiselect' ? [] : '')}
          onChange={(value) => setDrafts({ ...drafts, [f.key]: value })}
          error={problems[f.key]}
        />
      ))}
      <label>
        What happened? Versions, error messages and what you tried help us most.
        <textarea name="body" rows={10} required />
      </label>
      {colleagues.data && colleagues.data.items.length > 0 && (
        <fieldset className="field-choices colleagues">
          <legend>Copy colleagues</legend>
          <span className="field-help">They get our replies by mail too.</span>
          {colleagues.data.items.map((c) => (
            <label key={c.id} className="choice">
              <input
                type="checkbox"
                checked={ccs.includes(c.email)}
                onChange={(e) => setCcs(e.target.checked ? [...ccs, c.email] : ccs.filter((x) => x !== c.email))}
              />{' '}
              {c.name ? `${c.name} (${c.email})` : c.email}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Attachments (logs, screenshots)
        <input name="files" type="file" multiple />
      </label>
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Open the ticket'}
      </button>
    </form>
  );
}
