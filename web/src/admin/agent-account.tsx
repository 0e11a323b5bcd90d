import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, get, type ItemOf, type RequestOf, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { ConfirmButton, ErrorText } from '../shared/ui.js';

// An admin's part of an agent: their role, whether they may sign in, and their second factors, so that
// one who lost a phone is helped back in without a database console. Every change here is audited.

export type Agent = ItemOf<ResponseOf<'/api/v1/agents', 'get'>>;
type AgentChanges = RequestOf<'/api/v1/agents/{id}', 'patch'>;
type SecondFactors = ResponseOf<'/api/v1/agents/{id}/second-factors', 'get'>;

export function AgentAccount({ agent }: { agent: Agent }) {
  const client = useQueryClient();
  const factorsKey = ['second-factors', agent.id];
  const factors = useQuery({
    queryKey: factorsKey,
    queryFn: () => get<SecondFactors>(`/api/v1/agents/${agent.id}/second-factors`),
  });
  const change = useMutation({
    mutationFn: (body: AgentChanges) => api<Agent>('PATCH', `/api/v1/agents/${agent.id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agents'] }),
  });
  const turnOffApp = useMutation({
    mutationFn: () => api('DELETE', `/api/v1/agents/${agent.id}/totp`),
    onSuccess: () => client.invalidateQueries({ queryKey: factorsKey }),
  });
  const removePasskey = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/agents/${agent.id}/passkeys/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: factorsKey }),
  });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const active = form.get('active') === 'on';
    // deactivating ends their sessions at once: asked, as turning off a second factor is
    if (agent.active && !active && !window.confirm(`Deactivate ${agent.name}? They are signed out everywhere.`)) return;
    change.mutate({ role: String(form.get('role')) as Agent['role'], active });
  }

  const app = factors.data?.authenticatorApp;
  return (
    <>
      <h2 className="row-heading">Account</h2>
      <form className="inline-form" onSubmit={save} aria-label={`Account of ${agent.name}`}>
        <label>
          Role
          <select name="role" defaultValue={agent.role}>
            <option>agent</option>
            <option>lead</option>
            <option>admin</option>
          </select>
        </label>
        <label className="check">
          <input name="active" type="checkbox" defaultChecked={agent.active} />
          May sign in (unticked: deactivated, their sessions end)
        </label>
        <button type="submit" aria-label={`Save account of ${agent.name}`}>
          Save account
        </button>
        {change.isSuccess && <span role="status">Saved.</span>}
      </form>
      <ErrorText error={change.error} />

      <h2 className="row-heading">Second factors</h2>
      <p className="muted small">
        For a lost or stolen device: removing a factor signs {agent.name} out everywhere. Where the desk requires
        two-factor sign-in, they set up a new factor at their next sign-in.
      </p>
      <ErrorText error={factors.error} />
      {factors.data && app && (
        <ul aria-label={`Second factors of ${agent.name}`}>
          <li>
            Authenticator app:{' '}
            {app.enabled ? (
              <>
                on{app.enabledAt ? ` since ${formatTime(app.enabledAt)}` : ''}{' '}
                <ConfirmButton
                  className="small"
                  question={`Turn off ${agent.name}’s authenticator app? Their recovery codes stop working, and they are signed out everywhere.`}
                  onConfirm={() => turnOffApp.mutate()}
                >
                  Turn off authenticator app
                </ConfirmButton>
              </>
            ) : (
              'not set up'
            )}
          </li>
          {factors.data.passkeys.length === 0 && <li>No passkeys</li>}
          {factors.data.passkeys.map((p) => (
            <li key={p.id}>
              Passkey “{p.name}”, added {formatTime(p.createdAt)},{' '}
              {p.lastUsedAt ? `last used ${formatTime(p.lastUsedAt)}` : 'never used'}{' '}
              <ConfirmButton
                className="small"
                question={`Remove ${agent.name}’s passkey “${p.name}”? It signs nothing in any more, and ${agent.name} is signed out everywhere.`}
                onConfirm={() => removePasskey.mutate(p.id)}
              >
                Remove passkey “{p.name}”
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={turnOffApp.error ?? removePasskey.error} />
    </>
  );
}
