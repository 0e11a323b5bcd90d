import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { get, type ItemOf, type ResponseOf } from '../shared/api.js';
import { formatTime, fromNow } from '../shared/format.js';
import { ErrorText, Loading } from '../shared/ui.js';

// What the desk sends, as an admin checks it when a customer says nothing arrived: queued (and when it
// is tried next), sent, or failed with the server's reason. Subjects and addresses only, never a body:
// sign-in links stay with the people they were sent to.

type Outbox = ResponseOf<'/api/v1/mail/outbox', 'get'>;
type OutboxMail = ItemOf<Outbox>;
const STATES = ['all', 'queued', 'failed', 'sent'] as const;

export function OutboxSection() {
  const [state, setState] = useState<(typeof STATES)[number]>('all');
  const outbox = useQuery({
    queryKey: ['outbox', state],
    queryFn: () => get<Outbox>(`/api/v1/mail/outbox?limit=100${state === 'all' ? '' : `&state=${state}`}`),
    refetchInterval: 15_000,
  });
  // "See the outbox" links here: the page above loads first, so the browser's own jump comes too early
  const location = useLocation();
  const section = useRef<HTMLElement>(null);
  const loaded = outbox.data !== undefined;
  useEffect(() => {
    if (loaded && location.hash === '#outbox') section.current?.scrollIntoView();
  }, [loaded, location.hash]);
  return (
    <section aria-labelledby="outbox-title" id="outbox" ref={section}>
      <h2 id="outbox-title">Outbox</h2>
      <div className="inline-form">
        <label>
          Show
          <select value={state} onChange={(event) => setState(event.target.value as (typeof STATES)[number])}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? 'all mail' : s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {outbox.isPending && <Loading what="the outbox" />}
      <ErrorText error={outbox.error} />
      {outbox.data?.items.length === 0 && <p className="muted">Nothing here.</p>}
      {outbox.data && outbox.data.items.length > 0 && (
        <table className="tickets outbox">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.items.map((m) => (
              <OutboxRow key={m.id} mail={m} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OutboxRow({ mail }: { mail: OutboxMail }) {
  return (
    <tr>
      <td>
        {mail.ticketNumber !== null ? <Link to={`/tickets/${mail.ticketNumber}`}>{mail.subject}</Link> : mail.subject}
        <span className="muted small"> · {mail.purpose}</span>
      </td>
      <td className="small">{[...mail.to, ...mail.cc].join(', ')}</td>
      <td>
        <span className={`badge mail-${mail.state}`}>{mail.state}</span>
        {mail.state === 'sent' && mail.sentAt && <span className="muted small"> {fromNow(mail.sentAt)}</span>}
        {mail.state === 'queued' && mail.nextAttemptAt && (
          <span className="muted small"> next try {fromNow(mail.nextAttemptAt)}</span>
        )}
        {mail.attempts > 1 && <span className="muted small"> · {mail.attempts} tries</span>}
        {mail.lastError && <p className="small error">{mail.lastError}</p>}
      </td>
      <td className="small">{formatTime(mail.createdAt)}</td>
    </tr>
  );
}
