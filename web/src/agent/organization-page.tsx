import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get, type Page, type ResponseOf } from '../shared/api.js';
import { useSession } from '../shared/session.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { OrganizationEntitlementRequests } from './entitlement-requests.js';
import { NamedContactsPanel } from './named-contacts-panel.js';
import { OrganizationSsoPanel } from './organization-sso-panel.js';
import { Counts, Notes, TicketTable } from './people-parts.js';

// An organization at a glance: its plan and sharing, who speaks for it, how many of its tickets are
// open or waiting, and the public issues those tickets wait on.

type OrganizationSummary = ResponseOf<'/api/v1/organizations/{id}/summary', 'get'>;

interface Contact {
  id: string;
  email: string;
  name: string | null;
  supportContact: boolean;
}

const ACTIVE = 'new,open,pending,on-hold,watching';

export function OrganizationPage() {
  const id = String(useParams().id);
  const session = useSession();
  const client = useQueryClient();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const summary = useQuery({
    queryKey: ['organization', id],
    queryFn: () => get<OrganizationSummary>(`/api/v1/organizations/${id}/summary`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['organization', id] });

  if (summary.isPending) return <Loading what="the organization" />;
  if (summary.isError) return <ErrorText error={summary.error} />;
  const { organization: org, tickets, contactCount, supportContacts, waitingOn } = summary.data;
  return (
    <article className="people-page" aria-labelledby="organization-title">
      <header className="people-head">
        <div>
          <h1 id="organization-title">{org.name}</h1>
          <p className="muted">
            Organization · {org.plan} plan · {contactCount} {contactCount === 1 ? 'contact' : 'contacts'}
          </p>
        </div>
      </header>

      <div className="people-grid">
        <div>
          <section aria-labelledby="counts-title" className="people-section">
            <h2 id="counts-title">Active tickets</h2>
            <Counts counts={tickets} />
          </section>
          <Settings org={org} editable={lead} onSaved={refresh} />
          <OrganizationEntitlementRequests organizationId={org.id} lead={lead} />
          {session.actor.role === 'admin' && <OrganizationSsoPanel organizationId={org.id} />}
          <section aria-labelledby="support-title" className="people-section">
            <h2 id="support-title">Named support contacts</h2>
            <p className="muted small">They may open tickets on the organization’s behalf.</p>
            {supportContacts.length === 0 ? (
              <p className="muted">None named yet.</p>
            ) : (
              <ul className="people-list">
                {supportContacts.map((c) => (
                  <li key={c.id}>
                    <Link to={`/people/${c.id}`}>{c.name ?? c.email}</Link> <span className="muted">{c.email}</span>
                  </li>
                ))}
              </ul>
            )}
            <NamedContactsPanel organizationId={org.id} lead={lead} onChanged={refresh} />
          </section>
          <Notes notes={org.notes} editable={lead} url={`/api/v1/organizations/${org.id}`} onSaved={refresh} />
        </div>
        <div>
          <section aria-labelledby="issues-title" className="people-section">
            <h2 id="issues-title">Issues they wait on</h2>
            {waitingOn.length === 0 ? (
              <p className="muted">None of their open tickets is linked to an issue.</p>
            ) : (
              <ul className="links">
                {waitingOn.map((i) => (
                  <li key={i.id}>
                    <a href={i.url} target="_blank" rel="noreferrer">
                      {i.project}
                      {i.kind === 'change' && i.forge.kind !== 'github' ? '!' : '#'}
                      {i.number}
                    </a>{' '}
                    {i.title}
                    <div className="small muted">
                      {i.state} · {i.status}
                      {i.milestone ? ` · ${i.milestone}` : ''} · {i.tickets} {i.tickets === 1 ? 'ticket' : 'tickets'}{' '}
                      waiting
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <TicketTable
            title="Open and waiting tickets"
            query={`organization=${org.id}&status=${ACTIVE}&sort=-updated`}
            empty="Nothing open: all their tickets are solved or closed."
          />
          <Contacts organizationId={org.id} editable={lead} onChanged={refresh} />
        </div>
      </div>
    </article>
  );
}

function Settings({
  org,
  editable,
  onSaved,
}: {
  org: OrganizationSummary['organization'];
  editable: boolean;
  onSaved: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (patch: { plan: string; shareTickets: boolean; emailDomains: string[] }) =>
      api('PATCH', `/api/v1/organizations/${org.id}`, patch),
    onSuccess: async () => {
      await onSaved();
      setEditing(false);
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      plan: String(form.get('plan')).trim(),
      shareTickets: form.get('shareTickets') === 'on',
      emailDomains: String(form.get('emailDomains'))
        .split(/[\s,]+/)
        .filter(Boolean),
    });
  }
  return (
    <section aria-labelledby="settings-title" className="people-section">
      <h2 id="settings-title">Plan, sharing and domains</h2>
      {editing ? (
        <form onSubmit={submit}>
          <label>
            Plan
            <input name="plan" defaultValue={org.plan} required maxLength={64} />
          </label>
          <label className="inline">
            <input type="checkbox" name="shareTickets" defaultChecked={org.shareTickets} /> Contacts see each other’s
            tickets
          </label>
          <label>
            Mail domains
            <input
              name="emailDomains"
              defaultValue={org.emailDomains.join(', ')}
              placeholder="acme.example, acme-corp.example"
              aria-describedby="domains-hint"
            />
          </label>
          <p id="domains-hint" className="muted small">
            Separate them with commas. Someone new who writes from one of these may ask to be a named support contact;
            the organization’s admins or a lead decide.
          </p>
          <button type="submit" disabled={save.isPending}>
            Save
          </button>{' '}
          <button type="button" className="link" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <ErrorText error={save.error} />
        </form>
      ) : (
        <>
          <dl className="details">
            <dt>Plan</dt>
            <dd>{org.plan}</dd>
            <dt>Shared tickets</dt>
            <dd>{org.shareTickets ? 'Contacts see each other’s tickets' : 'Each contact sees only their own'}</dd>
            <dt>Mail domains</dt>
            <dd>{org.emailDomains.length > 0 ? org.emailDomains.join(', ') : 'None'}</dd>
            {org.preferredRegion && (
              <>
                <dt>Preferred region</dt>
                <dd>{org.preferredRegion}</dd>
              </>
            )}
          </dl>
          {editable && (
            <button type="button" className="small" onClick={() => setEditing(true)}>
              Change plan, sharing or domains
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Contacts({
  organizationId,
  editable,
  onChanged,
}: {
  organizationId: string;
  editable: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const client = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ['organization-contacts', organizationId],
    queryFn: ({ pageParam }) =>
      get<Page<Contact>>(
        `/api/v1/contacts?organizationId=${organizationId}&limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const toggle = useMutation({
    mutationFn: (c: Contact) => api('PATCH', `/api/v1/contacts/${c.id}`, { supportContact: !c.supportContact }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['organization-contacts', organizationId] }),
        onChanged(),
      ]);
    },
  });
  const contacts = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="contacts-title" className="people-section">
      <h2 id="contacts-title">Contacts</h2>
      {list.isPending && <Loading what="contacts" />}
      <ErrorText error={list.error} />
      <ul className="people-list">
        {contacts.map((c) => (
          <li key={c.id}>
            <Link to={`/people/${c.id}`}>{c.name ?? c.email}</Link> <span className="muted">{c.email}</span>
            {c.supportContact && <span className="badge">support contact</span>}
            {editable && (
              <button
                type="button"
                className="link small"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate(c)}
                aria-label={`${c.supportContact ? 'Remove' : 'Name'} ${c.name ?? c.email} as a support contact`}
              >
                {c.supportContact ? 'remove' : 'name support contact'}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorText error={toggle.error} />
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'More contacts'}
        </button>
      )}
    </section>
  );
}
