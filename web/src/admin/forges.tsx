import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, get } from '../shared/api.js';
import { fromNow } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

interface Forge {
  id: string;
  kind: string;
  name: string;
  baseUrl: string;
  webhookUrl: string;
}
interface Demand {
  id: string;
  forgeName: string;
  url: string;
  title: string;
  status: string;
  openTickets: number;
  organizations: number;
  oldestWaitSince: string;
}

export function ForgesPage() {
  const client = useQueryClient();
  const forges = useQuery({ queryKey: ['forges'], queryFn: () => get<{ items: Forge[] }>('/api/v1/forges') });
  const demand = useQuery({ queryKey: ['demand'], queryFn: () => get<{ items: Demand[] }>('/api/v1/issues/demand') });
  const add = useMutation({
    mutationFn: (body: Record<string, string>) => api('POST', '/api/v1/forges', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forges'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
    event.currentTarget.reset();
  }
  return (
    <section aria-labelledby="forges-title">
      <h1 id="forges-title">Forges</h1>
      {forges.isPending && <Loading what="forges" />}
      <ErrorText error={forges.error} />
      {forges.data?.items.length === 0 && (
        <Empty title="No forge connected">Connect GitLab or GitHub to link tickets to public issues.</Empty>
      )}
      <ul className="links">
        {forges.data?.items.map((f) => (
          <li key={f.id}>
            <strong>{f.name}</strong> ({f.kind}, {f.baseUrl}) — webhook URL <code>{f.webhookUrl}</code>{' '}
            <button type="button" className="small" onClick={() => navigator.clipboard?.writeText(f.webhookUrl)}>
              Copy
            </button>
          </li>
        ))}
      </ul>
      <h2>Connect a forge</h2>
      <form className="stack" onSubmit={submit}>
        <label>
          Kind
          <select name="kind">
            <option>gitlab</option>
            <option>github</option>
          </select>
        </label>
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Base URL
          <input name="baseUrl" type="url" required placeholder="https://gitlab.com" />
        </label>
        <label>
          API token (read_api, or api to create issues)
          <input name="token" type="password" required autoComplete="off" />
        </label>
        <label>
          Webhook secret (give the forge the same)
          <input name="webhookSecret" type="password" required autoComplete="off" />
        </label>
        <button type="submit">Connect</button>
        <ErrorText error={add.error} />
      </form>
      <h2>Issues customers wait on</h2>
      <ErrorText error={demand.error} />
      {demand.data?.items.length === 0 && <p className="muted">No ticket is linked to an issue yet.</p>}
      {demand.data && demand.data.items.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Status</th>
              <th scope="col">Open tickets</th>
              <th scope="col">Organizations</th>
              <th scope="col">Waiting since</th>
            </tr>
          </thead>
          <tbody>
            {demand.data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={d.url} target="_blank" rel="noreferrer">
                    {d.title}
                  </a>{' '}
                  <span className="muted small">{d.forgeName}</span>
                </td>
                <td>{d.status}</td>
                <td>{d.openTickets}</td>
                <td>{d.organizations}</td>
                <td>{fromNow(d.oldestWaitSince)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
