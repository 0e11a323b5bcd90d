import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, get, type ItemOf, type ResponseOf } from './api.js';
import { ErrorText, Loading } from './ui.js';

// Requests to be entitled by an organization, with Approve and Decline: on the organization page for
// leads, in the portal for the organization's admin contacts. The server decides who may see and
// decide which; this only shows what it answers.

type Requests = ResponseOf<'/api/v1/entitlement-requests', 'get'>;
type EntitlementRequest = ItemOf<Requests>;

const OPEN = ['awaiting-approval', 'awaiting-confirmation'] as const;

export function EntitlementRequestList({
  organizationId,
  canDecide,
  ticketLink,
  hideWhenEmpty,
}: {
  organizationId?: string;
  canDecide: boolean;
  /** agents open the held tickets; an organization's admin sees their numbers only */
  ticketLink?: (number: number) => string;
  hideWhenEmpty?: boolean;
}) {
  const client = useQueryClient();
  const key = ['entitlement-requests', organizationId ?? 'own'];
  const query = new URLSearchParams(OPEN.map((s) => ['state', s]));
  if (organizationId) query.set('organizationId', organizationId);
  const requests = useQuery({
    queryKey: key,
    queryFn: () => get<Requests>(`/api/v1/entitlement-requests?${query}`),
    retry: false,
  });
  const decide = useMutation({
    mutationFn: (input: { id: string; verb: 'approve' | 'decline'; note: string }) =>
      api('POST', `/api/v1/entitlement-requests/${input.id}/${input.verb}`, input.note ? { note: input.note } : {}),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key });
      // an approval adds a named contact: the lists that count them are out of date
      await client.invalidateQueries({ queryKey: ['portal-named-contacts'] });
      await client.invalidateQueries({ queryKey: ['organization'] });
    },
  });
  if (requests.isPending) return <Loading what="requests to be entitled" />;
  // not an admin of the organization: nothing to show
  if (requests.error instanceof ApiError && requests.error.status === 403) return null;
  if (requests.isError) return <ErrorText error={requests.error} />;
  const items = requests.data.items;
  if (items.length === 0 && hideWhenEmpty) return null;
  return (
    <section aria-labelledby="entitlement-title" className="people-section entitlement-requests">
      <h2 id="entitlement-title">Asking to be named support contacts</h2>
      {items.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <ul className="entitlement-list">
          {items.map((item) => (
            <RequestItem
              key={item.id}
              item={item}
              canDecide={canDecide}
              ticketLink={ticketLink}
              pending={decide.isPending}
              onDecide={(verb, note) => decide.mutate({ id: item.id, verb, note })}
            />
          ))}
        </ul>
      )}
      <ErrorText error={decide.error} />
    </section>
  );
}

function RequestItem({
  item,
  canDecide,
  ticketLink,
  pending,
  onDecide,
}: {
  item: EntitlementRequest;
  canDecide: boolean;
  ticketLink: ((number: number) => string) | undefined;
  pending: boolean;
  onDecide: (verb: 'approve' | 'decline', note: string) => void;
}) {
  const [note, setNote] = useState('');
  const who = item.contact.name ? `${item.contact.name} <${item.contact.email}>` : item.contact.email;
  const confirmed = item.state === 'awaiting-approval';
  return (
    <li className="entitlement-item" aria-label={`Request of ${item.contact.email}`}>
      <p>
        <strong>{who}</strong>{' '}
        <span className="muted small">
          {confirmed
            ? 'confirmed the address'
            : `has not confirmed the address yet${canDecide ? ' (approving waits for that)' : ''}`}
          {item.ticketNumbers.length > 0 && ' · tickets '}
          {item.ticketNumbers.map((n, i) => (
            <span key={n}>
              {i > 0 && ', '}
              {ticketLink ? <Link to={ticketLink(n)}>#{n}</Link> : `#${n}`}
            </span>
          ))}
        </span>
      </p>
      {item.note && (
        <p className="entitlement-note">
          They wrote: <q>{item.note}</q>
        </p>
      )}
      {canDecide && (
        <div className="entitlement-actions">
          <label>
            Note to {item.contact.email} (optional)
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>{' '}
          <button
            type="button"
            disabled={pending || !confirmed}
            title={confirmed ? undefined : 'They confirm their address first'}
            onClick={() => onDecide('approve', note)}
          >
            Approve
          </button>{' '}
          <button type="button" className="secondary" disabled={pending} onClick={() => onDecide('decline', note)}>
            Decline
          </button>
        </div>
      )}
    </li>
  );
}
