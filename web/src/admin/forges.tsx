import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get } from '../shared/api.js';
import { fromNow } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';

interface Forge {
  id: string;
  kind: string;
  name: string;
  baseUrl: string;
  webhookUrl: string;
  searchProjects: string[];
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

const SEARCH_PROJECTS_LABEL = 'Projects to search for suggestions, one per line';

/** One project a line, blank lines dropped: the server checks each against the forge's spelling. */
function projectLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The projects whose issues are suggested on tickets, for a forge already connected. */
function SearchProjects({ forge }: { forge: Forge }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (searchProjects: string[]) => api('PATCH', `/api/v1/forges/${forge.id}`, { searchProjects }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forges'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(projectLines(String(new FormData(event.currentTarget).get('searchProjects') ?? '')));
  }
  return (
    <form className="stack" onSubmit={submit}>
      <label>
        {SEARCH_PROJECTS_LABEL} ({forge.name})
        <textarea
          key={forge.searchProjects.join('\n')}
          name="searchProjects"
          rows={3}
          defaultValue={forge.searchProjects.join('\n')}
          placeholder={forge.kind === 'github' ? 'owner/repository' : 'group/project'}
        />
      </label>
      <button type="submit" className="small" disabled={save.isPending}>
        Save projects
      </button>
      <p role="status" className="small">
        {save.isSuccess && !save.isPending ? 'Saved.' : ''}
      </p>
      <ErrorText error={save.error} />
    </form>
  );
}

export function ForgesPage() {
  const admin = useSession().actor.role === 'admin';
  const client = useQueryClient();
  const forges = useQuery({ queryKey: ['forges'], queryFn: () => get<{ items: Forge[] }>('/api/v1/forges') });
  const demand = useQuery({ queryKey: ['demand'], queryFn: () => get<{ items: Demand[] }>('/api/v1/issues/demand') });
  const add = useMutation({
    mutationFn: (body: Record<string, string | string[]>) => api('POST', '/api/v1/forges', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forges'] }),
  });
  const [kind, setKind] = useState<'gitlab' | 'github'>('gitlab');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    // what was typed stays until the desk accepts it: a wrong secret or an unreachable host is fixed in place
    add.mutate(
      {
        ...Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])),
        searchProjects: projectLines(String(form.get('searchProjects') ?? '')),
      },
      {
        onSuccess: () => {
          element.reset();
          setKind('gitlab');
        },
      },
    );
  }
  const github = kind === 'github';
  return (
    <section aria-labelledby="forges-title">
      <h1 id="forges-title">Forges and demand</h1>
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
            {admin ? (
              <SearchProjects forge={f} />
            ) : (
              <p className="muted small">
                {f.searchProjects.length > 0
                  ? `Suggestions search ${f.searchProjects.join(', ')}.`
                  : 'Suggestions search no project of it yet (an admin sets them).'}
              </p>
            )}
          </li>
        ))}
      </ul>
      <h2>Connect a forge</h2>
      <form className="stack" onSubmit={submit}>
        <label>
          Kind
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as 'gitlab' | 'github')}>
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
          <input
            name="baseUrl"
            type="url"
            required
            placeholder={github ? 'https://github.com' : 'https://gitlab.com'}
          />
        </label>
        <label>
          {github
            ? 'API token (a fine-grained token with read access to issues; write to add labels)'
            : 'API token (read_api, or api to add labels and create issues)'}
          <input name="token" type="password" required autoComplete="off" />
        </label>
        <label>
          Webhook secret (at least 8 characters; give the forge the same)
          <input name="webhookSecret" type="password" required minLength={8} autoComplete="off" />
        </label>
        <label>
          {SEARCH_PROJECTS_LABEL}
          <textarea name="searchProjects" rows={3} placeholder={github ? 'owner/repository' : 'gitlab-org/gitlab'} />
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
