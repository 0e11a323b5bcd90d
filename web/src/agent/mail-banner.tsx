import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../shared/api.js';
import { useSession } from '../shared/session.js';

/** Tells every agent, on every page, when no mail can leave the desk: replies would wait unseen. */
export function MailBanner() {
  const session = useSession();
  const status = useQuery({
    queryKey: ['mail-status'],
    queryFn: () => get<{ outboundConfigured: boolean }>('/api/v1/mail/status'),
    staleTime: 5 * 60_000,
    refetchInterval: false,
  });
  if (status.data?.outboundConfigured !== false) return null;
  return (
    <div className="banner banner-warning" role="status">
      <strong>Outgoing mail is not configured.</strong> Replies, notices and sign-in links wait in the outbox: no
      customer receives them until an admin sets <code>OUTBOUND_SMTP_URL</code>.
      {session.actor.role === 'admin' && (
        <>
          {' '}
          <Link to="/admin/mail#outbox">See the outbox</Link>
        </>
      )}
    </div>
  );
}
