import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, get, type Page, type Ticket } from '../shared/api.js';
import type { ConversationEvent } from '../shared/conversation.js';
import { formatTime } from '../shared/format.js';
import { ErrorText } from '../shared/ui.js';

// The ticket's story on the agent's ticket page: the history of changes between the messages, its CCs
// (who copied whom), and merging it into another ticket.

interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actor: { kind: string; name: string };
  data: Record<string, unknown>;
  summary: string;
}

// a message shows itself; its event adds something only when it changed the status
const SHOWN_BY_MESSAGE = new Set(['reply.added', 'note.added']);
const worthShowing = (e: AuditEvent) =>
  e.action !== 'ticket.created' && (!SHOWN_BY_MESSAGE.has(e.action) || typeof e.data.status === 'object');

async function allEvents(number: number): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await get<Page<AuditEvent>>(
      `/api/v1/tickets/${number}/events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const SHOW_CHANGES_KEY = 'pipefitter.showChanges';

/** "Show changes": the ticket's history between its messages, remembered across tickets. */
export function useHistory(number: number) {
  const [show, setShow] = useState(() => localStorage.getItem(SHOW_CHANGES_KEY) === '1');
  // under the messages' key: whatever refreshes the conversation (a live update) refreshes this too
  const events = useQuery({
    queryKey: ['messages', number, 'events'],
    queryFn: () => allEvents(number),
    enabled: show,
  });
  const toggle = (on: boolean) => {
    localStorage.setItem(SHOW_CHANGES_KEY, on ? '1' : '0');
    setShow(on);
  };
  const items: ConversationEvent[] = show
    ? (events.data ?? []).filter(worthShowing).map((e) => ({
        id: e.id,
        at: e.at,
        content: (
          <>
            <span className="history-text">{e.summary}</span>{' '}
            <time className="muted small" dateTime={e.at}>
              {formatTime(e.at)}
            </time>
          </>
        ),
      }))
    : [];
  const control = (
    <div className="history-toggle">
      <label>
        <input type="checkbox" checked={show} onChange={(e) => toggle(e.target.checked)} /> Show changes
      </label>
      {show && events.isPending && <span className="muted small"> loading the history…</span>}
      <ErrorText error={events.error} />
    </div>
  );
  return { control, events: items };
}

interface Cc {
  contact: { id: string; email: string; name: string | null };
  organization: { id: string; name: string } | null;
  otherOrganization: boolean;
  addedAt: string;
  addedBy: { kind: string; name: string } | null;
  via: string | null;
}

function howAdded(cc: Cc): string {
  const on = formatTime(cc.addedAt);
  const by = cc.addedBy?.name;
  switch (cc.via) {
    case 'reply':
      return `joined by replying${by ? `: ${by} copied them` : ''} on ${on}`;
    case 'opened':
      return `on the ticket from the start${by ? ` (copied by ${by})` : ''}`;
    case 'merge':
      return `came with a merged ticket${by ? ` (${by})` : ''} on ${on}`;
    case 'follow-up':
      return `came from the ticket this follows up, on ${on}`;
    case 'accepted':
      return `joined when an admin accepted their mail, on ${on}`;
    default:
      return by ? `CC'd by ${by} on ${on}` : `CC'd on ${on}`;
  }
}

/** Who is copied on the ticket, who copied them and when; add and remove. */
export function CcsPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: () => Promise<unknown> }) {
  const number = ticket.number;
  const ccs = useQuery({
    queryKey: ['ticket', number, 'ccs'],
    queryFn: () => get<{ items: Cc[] }>(`/api/v1/tickets/${number}/ccs`),
  });
  const [email, setEmail] = useState('');
  const add = useMutation({
    mutationFn: () => api<Cc>('POST', `/api/v1/tickets/${number}/ccs`, { email: email.trim() }),
    onSuccess: async () => {
      setEmail('');
      await onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: (contactId: string) => api('DELETE', `/api/v1/tickets/${number}/ccs/${contactId}`),
    onSuccess: onChanged,
  });
  const closed = ticket.status === 'closed';
  const items = ccs.data?.items ?? [];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (email.trim()) add.mutate();
  }
  return (
    <section aria-labelledby="ccs-title" className="panel">
      <h2 id="ccs-title">CCs</h2>
      {ccs.isSuccess && items.length === 0 && <p className="muted small">Nobody is copied on this ticket.</p>}
      <ul className="ccs">
        {items.map((cc) => (
          <li key={cc.contact.id}>
            <span className="cc-who">
              {cc.contact.name ? `${cc.contact.name} <${cc.contact.email}>` : cc.contact.email}
              {cc.otherOrganization && (
                <span className="badge other-org" title="They see this ticket, and no other of its organization">
                  {cc.organization ? cc.organization.name : 'no organization'}
                </span>
              )}
            </span>
            <span className="muted small cc-how">{howAdded(cc)}</span>
            {!closed && (
              <button
                type="button"
                className="link small"
                aria-label={`Remove ${cc.contact.email} from the CCs`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(cc.contact.id)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!closed && (
        <form onSubmit={submit}>
          <label>
            CC someone
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="name@example.com"
              autoComplete="off"
            />
          </label>
          <button type="submit" className="small" disabled={add.isPending || !email.trim()}>
            Add CC
          </button>
        </form>
      )}
      <ErrorText error={ccs.error ?? add.error ?? remove.error} />
    </section>
  );
}

/** "Merge into…": a ticket number, a look at the target, a confirmation; then off to the target. */
export function MergeAction({ ticket, onMerged }: { ticket: Ticket; onMerged: () => Promise<unknown> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [into, setInto] = useState('');
  const [force, setForce] = useState(false);
  const target = useMutation({
    mutationFn: (n: number) => get<Ticket>(`/api/v1/tickets/${n}`),
  });
  const merge = useMutation({
    mutationFn: () =>
      api<{ ticket: Ticket; into: Ticket; notCopied: { email: string }[] }>(
        'POST',
        `/api/v1/tickets/${ticket.number}/merge`,
        { into: Number(into), ...(force ? { force: true } : {}) },
      ),
    onSuccess: async () => {
      dialog.current?.close();
      await onMerged();
    },
  });
  useEffect(() => {
    if (target.isSuccess && !dialog.current?.open) dialog.current?.showModal();
  }, [target.isSuccess]);
  if (ticket.status === 'closed') return null;

  function lookUp(event: FormEvent) {
    event.preventDefault();
    const n = Number(into);
    if (!Number.isInteger(n) || n < 1) return;
    setForce(false);
    merge.reset();
    target.reset();
    target.mutate(n);
  }
  const other = target.data;
  // the desk's rule (merge-tickets.ts): the same requester, or colleagues of an organization that
  // shares its tickets. The page does not know whether it shares: the desk's refusal says so.
  const sameCustomer =
    other !== undefined &&
    (other.requester?.id === ticket.requester?.id ||
      (ticket.organization !== null && other.organization?.id === ticket.organization.id));
  const refused = merge.error instanceof ApiError && merge.error.code === 'MERGE_ACROSS_ORGANIZATIONS';
  const acrossOrganizations = other !== undefined && (!sameCustomer || refused);
  const sameOrganization =
    other !== undefined && ticket.organization !== null && other.organization?.id === ticket.organization.id;
  const problem =
    other === undefined
      ? null
      : other.number === ticket.number
        ? 'A ticket cannot be merged into itself.'
        : other.status === 'closed'
          ? `#${other.number} is closed: merge into an open ticket.`
          : null;

  return (
    <section aria-labelledby="merge-title" className="panel">
      <h2 id="merge-title">Merge</h2>
      <form onSubmit={lookUp}>
        <label>
          Merge into ticket number
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={into}
            onChange={(e) => setInto(e.target.value)}
            placeholder="e.g. 253"
          />
        </label>
        <button type="submit" className="small" disabled={!into || target.isPending}>
          Merge into…
        </button>
      </form>
      <ErrorText error={target.error} />
      <dialog
        ref={dialog}
        className="merge-dialog"
        aria-labelledby="merge-confirm-title"
        onClose={() => target.reset()}
      >
        {other && (
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              merge.mutate();
            }}
          >
            <h2 id="merge-confirm-title">
              Merge #{ticket.number} into #{other.number}?
            </h2>
            <p>
              <strong>#{ticket.number}</strong> {ticket.subject} ({ticket.requester?.email ?? 'no requester'}
              {ticket.organization ? `, ${ticket.organization.name}` : ''})
              <br />→ <strong>#{other.number}</strong> {other.subject} ({other.requester?.email ?? 'no requester'}
              {other.organization ? `, ${other.organization.name}` : ''})
            </p>
            <p>
              Its messages, files, CCs and links move to #{other.number}; #{ticket.number} closes and points there. The
              customer is told by mail where the conversation continues.
            </p>
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            {acrossOrganizations && !problem && (
              <div className="notice">
                <p>
                  {sameOrganization
                    ? 'These tickets are of two people of an organization that does not share its tickets.'
                    : 'These tickets belong to different organizations.'}{' '}
                  The messages move as internal notes (the customer of #{other.number} does not read them), and the
                  people of #{ticket.number} are not copied on #{other.number}.
                </p>
                <label>
                  <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Merge anyway
                </label>
              </div>
            )}
            <ErrorText error={merge.error} />
            <div className="dialog-actions">
              <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <button type="submit" disabled={merge.isPending || problem !== null || (acrossOrganizations && !force)}>
                Merge
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}
