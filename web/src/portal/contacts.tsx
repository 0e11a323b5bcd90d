import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { EntitlementRequestList } from '../shared/entitlement-requests.js';
import { expiryText, formatTime } from '../shared/format.js';
import { ConfirmButton, ErrorText, Loading } from '../shared/ui.js';

// "Named contacts": an organization's admin names the colleagues who may open tickets for it, up to
// its plan's limit, removes them (they keep their tickets), and makes sync tokens for a CI job that
// pushes the list from a file in their Git repository.

type NamedContacts = ResponseOf<'/api/v1/portal/named-contacts', 'get'>;
type SyncTokens = ResponseOf<'/api/v1/portal/sync-tokens', 'get'>;
type NewSyncToken = ResponseOf<'/api/v1/portal/sync-tokens', 'post', 201>;
type NamedContact = ResponseOf<'/api/v1/portal/named-contacts', 'post', 201>;

export function PortalContacts() {
  const client = useQueryClient();
  const named = useQuery({
    queryKey: ['portal-named-contacts'],
    queryFn: () => get<NamedContacts>('/api/v1/portal/named-contacts'),
  });
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (input: { email: string; name: string }) =>
      api<NamedContact>('POST', '/api/v1/portal/named-contacts', {
        email: input.email,
        ...(input.name ? { name: input.name } : {}),
      }),
    onSuccess: async (contact) => {
      setAdded(contact.email);
      await client.invalidateQueries({ queryKey: ['portal-named-contacts'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/portal/named-contacts/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal-named-contacts'] }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setAdded(null);
    add.mutate(
      { email: String(data.get('email')).trim(), name: String(data.get('name')).trim() },
      { onSuccess: () => form.reset() },
    );
  }

  if (named.isPending) return <Loading what="your named contacts" />;
  if (!named.data) return <ErrorText error={named.error} />;
  const { count, limit, items, organization } = named.data;
  const full = count >= limit;
  return (
    <article className="stack" aria-labelledby="named-contacts-title">
      <h1 id="named-contacts-title">Named contacts</h1>
      <p>
        Named support contacts may open tickets for {organization.name}, by mail or here.{' '}
        <strong className="named-count">
          {count} of {limit} named contacts
        </strong>
      </p>
      <EntitlementRequestList canDecide hideWhenEmpty />
      <section aria-labelledby="named-list-title">
        <h2 id="named-list-title">Who may open tickets</h2>
        <ErrorText error={remove.error} />
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.name ?? '—'} {c.orgAdmin && <span className="badge">admin</span>}
                </td>
                <td>{c.email}</td>
                <td>
                  <ConfirmButton
                    className="link"
                    disabled={remove.isPending}
                    aria-label={`Remove ${c.name ?? c.email}`}
                    question={`${c.email} may no longer open tickets for ${organization.name}. Remove?`}
                    onConfirm={() => remove.mutate(c.id)}
                  >
                    Remove
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="named-add-title">
        <h2 id="named-add-title">Add a colleague</h2>
        {full ? (
          <p>
            {organization.name} has all {limit} named contacts its plan allows: remove one first, or ask us about a
            larger plan.
          </p>
        ) : (
          <form className="stack" onSubmit={submit}>
            <label>
              Email
              <input name="email" type="email" required maxLength={320} autoComplete="off" />
            </label>
            <label>
              Name
              <input name="name" maxLength={200} autoComplete="off" />
            </label>
            <button type="submit" disabled={add.isPending}>
              {add.isPending ? 'Adding…' : 'Add named contact'}
            </button>
          </form>
        )}
        <ErrorText error={add.error} />
        {added && <p role="status">{added} is a named contact now: we mailed them a link to sign in.</p>}
      </section>
      <SyncTokens organizationId={organization.id} />
    </article>
  );
}

/** Sync tokens: a CI job in the customer's repository pushes the list with one (README, "Customers"). */
function SyncTokens({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const [created, setCreated] = useState<NewSyncToken | null>(null);
  const tokens = useQuery({
    queryKey: ['portal-sync-tokens'],
    queryFn: () => get<SyncTokens>('/api/v1/portal/sync-tokens'),
  });
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays: number }) =>
      api<NewSyncToken>('POST', '/api/v1/portal/sync-tokens', body),
    onSuccess: async (token) => {
      setCreated(token);
      await client.invalidateQueries({ queryKey: ['portal-sync-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/portal/sync-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal-sync-tokens'] }),
  });
  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Sync from a file in Git</h2>
      <p className="muted">
        Keep the list in a contacts.yaml in your repository and let a CI job send it: a sync token can do that and
        nothing else. The job sends it with this command, the token in <code>$TOKEN</code>:
      </p>
      <pre className="command">
        <code>
          {`curl -X PUT -H "Authorization: Bearer $TOKEN" \\
  -H "Content-Type: application/yaml" --data-binary @contacts.yaml \\
  ${window.location.origin}/api/v1/organizations/${organizationId}/named-contacts`}
        </code>
      </pre>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          create.mutate(
            { name: String(data.get('token-name')).trim(), expiresInDays: Number(data.get('token-days')) },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <label>
          Token name
          <input name="token-name" required maxLength={100} placeholder="GitLab CI" />
        </label>
        <label>
          Expires after
          <select name="token-days" defaultValue="365">
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="180">180 days</option>
            <option value="365">a year (the most)</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Make a sync token
        </button>
      </form>
      <ErrorText error={create.error ?? revoke.error ?? tokens.error} />
      {created?.token && (
        <div className="notice" role="status">
          <p>
            The token “{created.name}”, shown only now: <code className="secret">{created.token}</code>
          </p>
          <button type="button" className="small" onClick={() => navigator.clipboard?.writeText(created.token ?? '')}>
            Copy
          </button>{' '}
          <button type="button" className="small" onClick={() => setCreated(null)}>
            I have kept it
          </button>
        </div>
      )}
      {tokens.data && tokens.data.items.length > 0 && (
        <ul>
          {tokens.data.items.map((t) => (
            <li key={t.id}>
              {t.name} <code>{t.prefix}…</code>{' '}
              <span className="muted">
                {t.lastUsedAt ? `used ${formatTime(t.lastUsedAt)}` : 'never used'} · {expiryText(t.expiresAt)}
              </span>{' '}
              <button
                type="button"
                className="link"
                aria-label={`Revoke ${t.name}`}
                onClick={() => revoke.mutate(t.id)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
