import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { expiryText } from '../shared/format.js';
import { ErrorText } from '../shared/ui.js';

// On the organization page, beside its named support contacts: how many it has of how many it may
// (its plan's limit, or its own a lead set), and its admins, who manage the list in the portal.

type NamedContacts = ResponseOf<'/api/v1/organizations/{id}/named-contacts', 'get'>;
type SyncTokens = ResponseOf<'/api/v1/organizations/{id}/sync-tokens', 'get'>;

export function NamedContactsPanel({
  organizationId,
  lead,
  onChanged,
}: {
  organizationId: string;
  lead: boolean;
  onChanged: () => void;
}) {
  const client = useQueryClient();
  const key = ['organization-named-contacts', organizationId];
  const named = useQuery({
    queryKey: key,
    queryFn: () => get<NamedContacts>(`/api/v1/organizations/${organizationId}/named-contacts`),
  });
  const changed = async () => {
    await client.invalidateQueries({ queryKey: key });
    onChanged();
  };
  const setAdmin = useMutation({
    mutationFn: (input: { id: string; orgAdmin: boolean }) =>
      api('PATCH', `/api/v1/contacts/${input.id}`, { orgAdmin: input.orgAdmin }),
    onSuccess: changed,
  });
  const setLimit = useMutation({
    mutationFn: (limit: number | null) =>
      api('PUT', `/api/v1/organizations/${organizationId}/named-contact-limit`, { limit }),
    onSuccess: changed,
  });
  const tokens = useQuery({
    queryKey: ['organization-sync-tokens', organizationId],
    queryFn: () => get<SyncTokens>(`/api/v1/organizations/${organizationId}/sync-tokens`),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/organizations/${organizationId}/sync-tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['organization-sync-tokens', organizationId] }),
  });
  const [chosen, setChosen] = useState('');
  if (!named.data) return <ErrorText error={named.error} />;
  const { count, limit, planLimit, limitOverride, items } = named.data;
  const admins = items.filter((c) => c.orgAdmin);
  const others = items.filter((c) => !c.orgAdmin);
  return (
    <div className="stack named-contacts-panel">
      <p>
        <strong>
          {count} of {limit} named contacts
        </strong>{' '}
        <span className="muted small">
          {limitOverride !== null ? `its own limit (the plan’s is ${planLimit})` : 'the plan’s limit'}
          {count > limit ? ' · over the limit: they add nobody until under it' : ''}
        </span>
      </p>
      <p className="small">
        Organization admins (manage the list in the portal):{' '}
        {admins.length === 0 ? <span className="muted">none</span> : null}
      </p>
      {admins.length > 0 && (
        <ul className="people-list">
          {admins.map((c) => (
            <li key={c.id}>
              {c.name ?? c.email} <span className="muted">{c.email}</span>{' '}
              {lead && (
                <button
                  type="button"
                  className="link small"
                  aria-label={`not admin: ${c.name ?? c.email}`}
                  onClick={() => setAdmin.mutate({ id: c.id, orgAdmin: false })}
                >
                  not admin
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {lead && others.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) setAdmin.mutate({ id: chosen, orgAdmin: true }, { onSuccess: () => setChosen('') });
          }}
        >
          <label>
            Make an organization admin
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a named contact</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name ? `${c.name} (${c.email})` : c.email}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="small" disabled={!chosen || setAdmin.isPending}>
            Make admin
          </button>
        </form>
      )}
      {lead && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const raw = String(new FormData(event.currentTarget).get('limit')).trim();
            setLimit.mutate(raw === '' ? null : Number(raw));
          }}
        >
          <label>
            Named contacts it may have
            <input
              name="limit"
              type="number"
              min={0}
              max={100000}
              defaultValue={limitOverride ?? ''}
              placeholder={`${planLimit} (the plan’s)`}
              key={limitOverride ?? 'plan'}
            />
          </label>
          <button type="submit" className="small" disabled={setLimit.isPending}>
            Set limit
          </button>
        </form>
      )}
      {tokens.data && tokens.data.items.length > 0 && (
        <>
          <p className="small">Sync tokens its admins made (a CI job pushes the list with one):</p>
          <ul className="people-list">
            {tokens.data.items.map((t) => (
              <li key={t.id}>
                {t.name} <code>{t.prefix}…</code>{' '}
                <span className="muted small">
                  {t.lastUsedAt ? 'used' : 'never used'} · {expiryText(t.expiresAt)}
                </span>{' '}
                {lead && (
                  <button
                    type="button"
                    className="link small"
                    aria-label={`revoke sync token ${t.name}`}
                    onClick={() => revoke.mutate(t.id)}
                  >
                    revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorText error={setAdmin.error ?? setLimit.error ?? revoke.error} />
    </div>
  );
}
