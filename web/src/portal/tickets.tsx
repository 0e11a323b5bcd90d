import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, type Page, type Ticket } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

const PLAIN: Record<string, string> = {
  new: 'Received',
  open: 'We are on it',
  pending: 'Waiting for your answer',
  'on-hold': 'On hold',
  watching: 'Waiting for a fix',
  solved: 'Solved',
  closed: 'Closed',
};
export const plainStatus = (status: string) => PLAIN[status] ?? status;

export function PortalTickets() {
  const tickets = useQuery({
    queryKey: ['portal-tickets'],
    queryFn: () => get<Page<Ticket>>('/api/v1/tickets?limit=100'),
  });
  return (
    <section aria-labelledby="portal-tickets-title">
      <div className="list-head">
        <h1 id="portal-tickets-title">Your tickets</h1>
        <Link className="button" to="/portal/new">
          Open a ticket
        </Link>
      </div>
      {tickets.isPending && <Loading what="your tickets" />}
      <ErrorText error={tickets.error} />
      {tickets.data?.items.length === 0 && (
        <Empty title="No tickets yet">
          <p>
            Open a ticket here, or write to us by email: either way it shows up here.{' '}
            <Link to="/portal/new">Open a ticket</Link>
          </p>
        </Empty>
      )}
      {tickets.data && tickets.data.items.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Opened by</th>
              <th scope="col">Last update</th>
            </tr>
          </thead>
          <tbody>
            {tickets.data.items.map((t) => (
              <tr key={t.number}>
                <td>{t.number}</td>
                <td>
                  <Link to={`/portal/tickets/${t.number}`}>{t.subject}</Link>
                </td>
                <td>{plainStatus(t.status)}</td>
                <td>{t.requester?.name ?? t.requester?.email}</td>
                <td>{formatTime(t.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
