import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, get } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { type ActiveCounts, Counts, Notes, TicketRows, TicketTable } from './people-parts.js';

// A customer at a glance: who they are, their organization, their tickets, the tickets they are
// CC'd on, and what the team knows about them.

interface ContactSummary {
  contact: {
    id: string;
    email: string;
    name: string | null;
    organizationId: string | null;
    supportContact: boolean;
    notes: string | null;
    createdAt: string;
  };
  organization: { id: string; name: string; plan: string; shareTickets: boolean } | null;
  tickets: ActiveCounts;
  ccTickets: {
    number: number;
    subject: string;
    status: string;
    priority: string;
    requester: { id: string; email: string; name: string | null };
    updatedAt: string;
  }[];
}

export function PersonPage() {
  const id = String(useParams().id);
  const session = useSession();
  const client = useQueryClient();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const summary = useQuery({
    queryKey: ['person', id],
    queryFn: () => get<ContactSummary>(`/api/v1/contacts/${id}/summary`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['person', id] });
  const support = useMutation({
    mutationFn: (supportContact: boolean) => api('PATCH', `/api/v1/contacts/${id}`, { supportContact }),
    onSuccess: refresh,
  });

  if (summary.isPending) return <Loading what="the customer" />;
  if (summary.isError) return <ErrorText error={summary.error} />;
  const { contact, organization, tickets, ccTickets } = summary.data;
  return (
    <article className="people-page" aria-labelledby="person-title">
      <header className="people-head">
        <div>
          <h1 id="person-title">{contact.name ?? contact.email}</h1>
          <p className="muted">
            Customer
            {organization ? (
              <>
                {' '}
                at <Link to={`/organizations/${organization.id}`}>{organization.name}</Link> ({organization.plan})
              </>
            ) : (
              ', not in an organization'
            )}
          </p>
        </div>
        <Link className="button" to={`/tickets/new?requester=${contact.id}`}>
          New ticket for them
        </Link>
      </header>

      <div className="people-grid">
        <div>
          <section aria-labelledby="contact-title" className="people-section">
            <h2 id="contact-title">Contact details</h2>
            <dl className="details">
              <dt>Email</dt>
              <dd>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </dd>
              <dt>Organization</dt>
              <dd>
                {organization ? (
                  <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>
                ) : (
                  <span className="muted">none</span>
                )}
              </dd>
              <dt>Support contact</dt>
              <dd>
                {contact.supportContact ? 'Yes, may open tickets for the organization' : 'No'}
                {lead && organization && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link small"
                      disabled={support.isPending}
                      onClick={() => support.mutate(!contact.supportContact)}
                    >
                      {contact.supportContact ? 'Remove' : 'Make a support contact'}
                    </button>
                  </>
                )}
              </dd>
              <dt>Customer since</dt>
              <dd>{formatTime(contact.createdAt)}</dd>
            </dl>
            <ErrorText error={support.error} />
          </section>
          <section aria-labelledby="counts-title" className="people-section">
            <h2 id="counts-title">Their active tickets</h2>
            <Counts counts={tickets} />
          </section>
          <Notes notes={contact.notes} editable={lead} url={`/api/v1/contacts/${contact.id}`} onSaved={refresh} />
        </div>
        <div>
          <TicketTable
            title="Their tickets"
            query={`requester=${contact.id}&sort=-updated`}
            empty="They have not opened a ticket yet."
            showRequester={false}
          />
          <section aria-labelledby="cc-title" className="people-section">
            <h2 id="cc-title">CC’d on</h2>
            {ccTickets.length === 0 ? (
              <p className="muted">Nobody has copied them on a ticket.</p>
            ) : (
              <TicketRows tickets={ccTickets} />
            )}
          </section>
        </div>
      </div>
    </article>
  );
}
