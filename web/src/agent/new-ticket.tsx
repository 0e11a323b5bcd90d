import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, get, type Page } from '../shared/api.js';
import { TICKET_PRIORITIES } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';

// A ticket opened on a customer's behalf, after a call: the requester picked or created, what was
// said either mailed to them as the first public message or kept for the team as an internal note.

interface ContactHit {
  id: string;
  email: string;
  name: string | null;
  organizationId: string | null;
}
interface OrganizationHit {
  id: string;
  name: string;
}

const CHANNELS = [
  ['phone', 'Phone call'],
  ['email', 'Email'],
  ['chat', 'Chat'],
  ['web', 'Web'],
] as const;
const STATUSES = [
  ['new', 'New'],
  ['open', 'Open (waiting on us)'],
  ['pending', 'Pending (waiting on the customer)'],
  ['on-hold', 'On hold (waiting on someone else)'],
  ['solved', 'Solved (settled on the call)'],
] as const;

/** Waits until typing pauses, so a search runs once per word, not once per key. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A search box with its results as buttons; picking one hands it up. */
function SearchPick<T extends { id: string }>({
  label,
  url,
  describe,
  onPick,
}: {
  label: string;
  url: (q: string) => string;
  describe: (item: T) => ReactNode;
  onPick: (item: T) => void;
}) {
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim());
  const resultsId = useId();
  const results = useQuery({
    queryKey: ['pick', label, settled],
    enabled: settled.length >= 2,
    queryFn: () => get<Page<T>>(url(settled)),
  });
  const items = settled.length >= 2 ? (results.data?.items ?? []) : [];
  return (
    <div className="search-pick">
      <label>
        {label}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-controls={resultsId} />
      </label>
      <ul id={resultsId} className="pick-results" aria-live="polite">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="pick" onClick={() => onPick(item)}>
              {describe(item)}
            </button>
          </li>
        ))}
        {settled.length >= 2 && results.isSuccess && items.length === 0 && (
          <li className="muted small">Nobody found for “{settled}”.</li>
        )}
      </ul>
      <ErrorText error={results.error} />
    </div>
  );
}

export function NewTicketPage() {
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const [mode, setMode] = useState<'pick' | 'create'>('pick');
  const [requester, setRequester] = useState<ContactHit | null>(null);
  const [organization, setOrganization] = useState<OrganizationHit | null>(null);
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // "New ticket" from a person page comes with the person
  const preset = params.get('requester');
  const presetContact = useQuery({
    queryKey: ['contact', preset],
    enabled: Boolean(preset),
    queryFn: () => get<ContactHit>(`/api/v1/contacts/${preset}`),
  });
  useEffect(() => {
    if (presetContact.data) setRequester(presetContact.data);
  }, [presetContact.data]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setError(null);
    let requesterEmail: string;
    let requesterName: string | undefined;
    if (mode === 'pick') {
      if (!requester) {
        setError(new Error('Pick the customer the ticket is for, or create them.'));
        return;
      }
      requesterEmail = requester.email;
    } else {
      requesterEmail = text('requesterEmail');
      requesterName = text('requesterName') || undefined;
    }
    setBusy(true);
    try {
      // filing a new person under an organization is a lead's decision (they see its shared tickets)
      if (mode === 'create' && organization) {
        await api('POST', '/api/v1/contacts', {
          email: requesterEmail,
          name: requesterName ?? null,
          organizationId: organization.id,
        });
      }
      const ccEmails = text('ccEmails')
        .split(/[\s,;]+/)
        .filter(Boolean);
      const ticket = await api<{ number: number }>('POST', '/api/v1/tickets', {
        subject: text('subject'),
        body: String(form.get('body') ?? ''),
        format: 'markdown',
        requesterEmail,
        ...(requesterName ? { requesterName } : {}),
        ...(ccEmails.length > 0 ? { ccEmails } : {}),
        priority: text('priority'),
        channel: text('channel'),
        status: text('status'),
        firstMessageInternal: internal,
        ...(form.get('assignToMe') && session.actor.agentId ? { assignee: session.actor.agentId } : {}),
      });
      await Promise.all([
        client.invalidateQueries({ queryKey: ['tickets'] }),
        client.invalidateQueries({ queryKey: ['count'] }),
      ]);
      navigate(`/tickets/${ticket.number}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="new-ticket" onSubmit={submit} aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title">New ticket</h1>
      <p className="muted">Open a ticket on a customer’s behalf, for example after a call.</p>

      <fieldset>
        <legend>Requester</legend>
        <div className="choice" role="radiogroup" aria-label="Requester">
          <label>
            <input type="radio" name="mode" checked={mode === 'pick'} onChange={() => setMode('pick')} /> A customer we
            know
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'create'} onChange={() => setMode('create')} /> A new
            customer
          </label>
        </div>
        {mode === 'pick' &&
          (requester ? (
            <p className="picked">
              <strong>{requester.name ?? requester.email}</strong> <span className="muted">{requester.email}</span>{' '}
              <button type="button" className="link" onClick={() => setRequester(null)}>
                Change
              </button>
            </p>
          ) : (
            <SearchPick<ContactHit>
              label="Find a customer by name or email"
              url={(q) => `/api/v1/contacts?limit=8&q=${encodeURIComponent(q)}`}
              describe={(c) => (
                <>
                  <strong>{c.name ?? c.email}</strong> <span className="muted">{c.email}</span>
                </>
              )}
              onPick={setRequester}
            />
          ))}
        {mode === 'create' && (
          <div className="grid-2">
            <label>
              Name
              <input name="requesterName" autoComplete="off" maxLength={200} />
            </label>
            <label>
              Email
              <input name="requesterEmail" type="email" required autoComplete="off" />
            </label>
            {lead ? (
              organization ? (
                <p className="picked">
                  Organization: <strong>{organization.name}</strong>{' '}
                  <button type="button" className="link" onClick={() => setOrganization(null)}>
                    Change
                  </button>
                </p>
              ) : (
                <SearchPick<OrganizationHit>
                  label="Organization (optional)"
                  url={(q) => `/api/v1/organizations?limit=8&q=${encodeURIComponent(q)}`}
                  describe={(o) => o.name}
                  onPick={setOrganization}
                />
              )
            ) : (
              <p className="muted small">A lead files new customers under their organization.</p>
            )}
          </div>
        )}
      </fieldset>

      <label>
        CC (email addresses, separated by commas)
        <input name="ccEmails" autoComplete="off" />
      </label>
      <label>
        Subject
        <input name="subject" required maxLength={500} />
      </label>
      <div className="grid-3">
        <label>
          Priority
          <select name="priority" defaultValue="normal">
            {TICKET_PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          Channel
          <select name="channel" defaultValue="phone">
            {CHANNELS.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue="open">
            {STATUSES.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>

      <fieldset className={internal ? 'first-message is-note' : 'first-message'}>
        <legend>First message</legend>
        <div className="choice">
          <label>
            <input type="radio" name="kind" checked={!internal} onChange={() => setInternal(false)} /> Public, mailed to
            the requester
          </label>
          <label>
            <input type="radio" name="kind" checked={internal} onChange={() => setInternal(true)} /> Internal note, not
            mailed
          </label>
        </div>
        <label>
          {internal ? 'Note for the team (Markdown)' : 'Message to the customer (Markdown)'}
          <textarea name="body" rows={8} required />
        </label>
      </fieldset>

      {session.actor.agentId && (
        <label className="inline">
          <input type="checkbox" name="assignToMe" defaultChecked /> Assign to me
        </label>
      )}
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Opening…' : internal ? 'Open the ticket' : 'Open the ticket and mail the customer'}
      </button>
    </form>
  );
}
