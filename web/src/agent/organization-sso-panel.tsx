import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type RequestOf, type ResponseOf } from '../shared/api.js';
import { ErrorText, Loading } from '../shared/ui.js';

// An organization's own single sign-on for its contacts (admins only): the OpenID provider its
// people sign in to the portal with, and whether they must. The client secret is write-only.

type OrganizationSso = ResponseOf<'/api/v1/organizations/{id}/sso', 'get'>;
type OrganizationSsoInput = RequestOf<'/api/v1/organizations/{id}/sso', 'put'>;

export function OrganizationSsoPanel({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const key = ['organization-sso', organizationId];
  const url = `/api/v1/organizations/${organizationId}/sso`;
  const sso = useQuery({ queryKey: key, queryFn: () => get<OrganizationSso>(url) });
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (input: OrganizationSsoInput) => api<OrganizationSso>('PUT', url, input),
    onSuccess: (saved) => {
      client.setQueryData(key, saved);
      setEditing(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', url),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const secret = String(form.get('clientSecret') ?? '');
    save.mutate({
      issuer: String(form.get('issuer')).trim(),
      clientId: String(form.get('clientId')).trim(),
      ...(secret ? { clientSecret: secret } : {}),
      required: form.get('required') === 'on',
    });
  }

  return (
    <section aria-labelledby="organization-sso-title" className="people-section">
      <h2 id="organization-sso-title">Single sign-on</h2>
      {sso.isPending ? (
        <Loading what="single sign-on" />
      ) : sso.isError ? (
        <ErrorText error={sso.error} />
      ) : editing ? (
        <form onSubmit={submit} className="stack">
          <p className="muted small">
            The organization’s own OpenID Connect provider (Okta, Entra ID, Keycloak…), where its contacts sign in to
            the portal. Register <code>{sso.data.redirectUri}</code> as the redirect URI there.
          </p>
          <label>
            Issuer URL
            <input
              name="issuer"
              type="url"
              required
              defaultValue={sso.data.issuer ?? ''}
              placeholder="https://login.acme.example"
            />
          </label>
          <label>
            Client ID
            <input name="clientId" required defaultValue={sso.data.clientId ?? ''} />
          </label>
          <label>
            Client secret
            <input
              name="clientSecret"
              type="password"
              autoComplete="off"
              placeholder={sso.data.clientSecretSet ? 'stored; leave empty to keep it' : ''}
            />
          </label>
          <label className="inline">
            <input name="required" type="checkbox" defaultChecked={sso.data.required} /> Required: no emailed sign-in
            links for its contacts
          </label>
          <ErrorText error={save.error} />
          <div className="button-row">
            <button type="submit" disabled={save.isPending}>
              Save single sign-on
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : sso.data.configured ? (
        <>
          <p>
            Contacts sign in with <code>{sso.data.issuer}</code>
            {sso.data.required ? ' only (required).' : ', or by emailed link.'}
          </p>
          <ErrorText error={remove.error} />
          <div className="button-row">
            <button type="button" onClick={() => setEditing(true)}>
              Change
            </button>
            <button type="button" className="secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Remove
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">
            Its contacts sign in to the portal by emailed link. With single sign-on they sign in at the organization’s
            own provider instead.
          </p>
          <button type="button" onClick={() => setEditing(true)}>
            Set up single sign-on
          </button>
        </>
      )}
    </section>
  );
}
