import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

interface Token {
  id: string;
  name: string;
  prefix: string;
  role: string | null;
  contactEmail?: string | null;
  agentId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  token?: string;
}

export function TokensPage() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => get<{ items: Token[] }>('/api/v1/tokens') });
  const [created, setCreated] = useState<Token | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api<Token>('POST', '/api/v1/tokens', body),
    onSuccess: async (token) => {
      setCreated(token);
      await client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name'));
    const holder = String(form.get('holder'));
    create.mutate(holder.includes('@') ? { name, contactEmail: holder } : { name, role: holder });
  }
  return (
    <section aria-labelledby="tokens-title">
      <h1 id="tokens-title">API tokens</h1>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="monitoring" />
        </label>
        <label>
          Acts as a role, or a contact's email
          <input name="holder" required list="token-roles" defaultValue="agent" />
          <datalist id="token-roles">
            <option value="agent" />
            <option value="lead" />
            <option value="admin" />
          </datalist>
        </label>
        <button type="submit">Create token</button>
      </form>
      <ErrorText error={create.error} />
      {created?.token && (
        <div className="notice" role="status">
          <p>
            The secret of “{created.name}”, shown only now: <code className="secret">{created.token}</code>
          </p>
          <button type="button" className="small" onClick={() => navigator.clipboard?.writeText(created.token ?? '')}>
            Copy
          </button>
        </div>
      )}
      {tokens.isPending && <Loading what="tokens" />}
      <ErrorText error={tokens.error ?? revoke.error} />
      {tokens.data?.items.length === 0 && <Empty title="No API tokens">Create one for each integration.</Empty>}
      {tokens.data && tokens.data.items.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Acts as</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.role ?? t.contactEmail ?? (t.agentId ? 'an agent (personal token)' : 'a contact')}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{formatTime(t.createdAt)}</td>
                <td>{formatTime(t.lastUsedAt)}</td>
                <td>
                  <button type="button" className="small" onClick={() => revoke.mutate(t.id)}>
                    Revoke {t.name}
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
