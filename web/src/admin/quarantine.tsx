import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, get } from '../shared/api.js';
import { formatTime, sizeOf } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

interface Inbound {
  id: number;
  envelopeFrom: string | null;
  receivedAt: string;
  state: string;
  attempts: number;
  reason: string | null;
  size: number;
  ticketNumber: number | null;
}

export function QuarantinePage() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['quarantine'],
    queryFn: () => get<{ items: Inbound[] }>('/api/v1/mail/inbound?state=quarantined'),
  });
  const retry = useMutation({
    mutationFn: (id: number) => api('POST', `/api/v1/mail/inbound/${id}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['quarantine'] }),
  });
  return (
    <section aria-labelledby="quarantine-title">
      <h1 id="quarantine-title">Mail quarantine</h1>
      <p className="muted">Mail that could not be processed is kept here with its reason. Nothing is dropped.</p>
      {list.isPending && <Loading what="quarantined mail" />}
      <ErrorText error={list.error ?? retry.error} />
      {list.data?.items.length === 0 && <Empty title="Nothing in quarantine">Every message found its way.</Empty>}
      {list.data && list.data.items.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">From</th>
              <th scope="col">Received</th>
              <th scope="col">Why</th>
              <th scope="col">Tries</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.id}>
                <td>{m.id}</td>
                <td>{m.envelopeFrom ?? '—'}</td>
                <td>{formatTime(m.receivedAt)}</td>
                <td>
                  {m.reason}
                  {m.ticketNumber && (
                    <>
                      {' '}
                      (<Link to={`/tickets/${m.ticketNumber}`}>#{m.ticketNumber}</Link>)
                    </>
                  )}
                </td>
                <td>{m.attempts}</td>
                <td>
                  <a href={`/api/v1/mail/inbound/${m.id}/raw`}>Raw ({sizeOf(m.size)})</a>{' '}
                  <button type="button" className="small" onClick={() => retry.mutate(m.id)}>
                    Retry {m.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
