import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type ItemOf, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ALL_ZONES } from '../shared/time-zones.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';
import { NotificationSettings } from './notifications.js';
import { PasskeySettings } from './passkey-settings.js';
import { TwoFactorSettings } from './two-factor-settings.js';
import { WorkingHours } from './working-hours.js';

type Profile = ResponseOf<'/api/v1/me', 'get'>;
type Sessions = ResponseOf<'/api/v1/me/sessions', 'get'>;
type BrowserSession = ItemOf<Sessions>;
type Tokens = ResponseOf<'/api/v1/me/tokens', 'get'>;
type NewToken = ResponseOf<'/api/v1/me/tokens', 'post', 201>;

/** The agent's own account: profile, hours, notifications, password, second factor, sessions and tokens. */
export function AccountPage() {
  const session = useSession();
  const profile = useQuery({ queryKey: ['me'], queryFn: () => get<Profile>('/api/v1/me') });
  return (
    <section className="stack account" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p className="muted">
        Signed in as {session.actor.name}
        {session.actor.email ? ` (${session.actor.email})` : ''}.
      </p>
      <ProfileSettings />
      {profile.data?.kind === 'agent' && <WorkingHours agentId={profile.data.id} timeZone={profile.data.timeZone} />}
      <NotificationSettings />
      <PasswordSettings />
      <TwoFactorSettings />
      <PasskeySettings />
      <SessionList />
      <PersonalTokens />
    </section>
  );
}

function PasswordSettings() {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setError(null);
    setDone(false);
    try {
      await api('PUT', '/api/v1/me/password', {
        currentPassword: String(form.get('currentPassword')),
        newPassword: String(form.get('newPassword')),
      });
      target.reset();
      setDone(true);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={submit}>
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" />
        </label>
        <label>
          New password (at least 12 characters)
          <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <ErrorText error={error} />
        <button type="submit">Change the password</button>
        {done && <p role="status">Your password is changed; your other sessions have ended.</p>}
      </form>
    </section>
  );
}

function ProfileSettings() {
  const client = useQueryClient();
  const profile = useQuery({ queryKey: ['me'], queryFn: () => get<Profile>('/api/v1/me') });
  const save = useMutation({
    mutationFn: (body: { name: string; timeZone: string }) => api<Profile>('PATCH', '/api/v1/me', body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['me'] });
      // the header shows the name from the session
      await client.invalidateQueries({ queryKey: ['session'] });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({ name: String(form.get('name')).trim(), timeZone: String(form.get('timeZone')) });
  }
  const me = profile.data;
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      {profile.isPending && <Loading what="your profile" />}
      <ErrorText error={profile.error} />
      {me && (
        <form onSubmit={submit} key={`${me.name}|${me.timeZone}`}>
          <label>
            Name
            <input name="name" required maxLength={200} defaultValue={me.name} />
          </label>
          <label>
            Time zone
            <select name="timeZone" defaultValue={me.timeZone}>
              {(me.timeZone && !ALL_ZONES.includes(me.timeZone) ? [me.timeZone, ...ALL_ZONES] : ALL_ZONES).map(
                (zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ),
              )}
            </select>
          </label>
          <p className="muted">
            {me.email} · {me.role}
          </p>
          <ErrorText error={save.error} />
          <button type="submit" disabled={save.isPending}>
            Save the profile
          </button>
          {save.isSuccess && <p role="status">Your profile is saved.</p>}
        </form>
      )}
    </section>
  );
}

function describeSession(s: BrowserSession): string {
  const how = { password: 'password', link: 'sign-in link', sso: 'single sign-on', passkey: 'a passkey' }[s.via];
  return `${s.userAgent ?? 'Unknown browser'}${s.ip ? ` from ${s.ip}` : ''}, signed in with ${how}`;
}

function SessionList() {
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: () => get<Sessions>('/api/v1/me/sessions') });
  const refresh = () => client.invalidateQueries({ queryKey: ['me', 'sessions'] });
  const end = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/me/sessions/${id}`),
    onSuccess: refresh,
  });
  const endOthers = useMutation({ mutationFn: () => api('DELETE', '/api/v1/me/sessions'), onSuccess: refresh });
  const items = sessions.data?.items ?? [];
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {sessions.isPending && <Loading what="your sessions" />}
      <ErrorText error={sessions.error ?? end.error ?? endOthers.error} />
      {items.length > 0 && (
        <ul className="stack" aria-label="Your sessions">
          {items.map((s) => (
            <li key={s.id}>
              <strong>{describeSession(s)}</strong>
              {s.current && <span className="badge"> This session</span>}
              <br />
              <span className="muted">
                Signed in {formatTime(s.createdAt)} · last seen {formatTime(s.lastSeenAt)} · ends{' '}
                {formatTime(s.expiresAt)}
              </span>{' '}
              {!s.current && (
                <button type="button" className="small" onClick={() => end.mutate(s.id)}>
                  Sign out<span className="visually-hidden"> {describeSession(s)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {items.some((s) => !s.current) && (
        <button type="button" onClick={() => endOthers.mutate()} disabled={endOthers.isPending}>
          Sign out everywhere else
        </button>
      )}
    </section>
  );
}

const EXPIRIES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 180, label: '180 days' },
  { days: 365, label: '1 year' },
];

function PersonalTokens() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => get<Tokens>('/api/v1/me/tokens') });
  const refresh = () => client.invalidateQueries({ queryKey: ['me', 'tokens'] });
  const [created, setCreated] = useState<NewToken | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; scope: 'read' | 'write'; expiresInDays: number }) =>
      api<NewToken>('POST', '/api/v1/me/tokens', body),
    onSuccess: async (token) => {
      setCreated(token);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/me/tokens/${id}`),
    onSuccess: refresh,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    create.mutate(
      {
        name: String(form.get('name')).trim(),
        scope: form.get('scope') === 'read' ? 'read' : 'write',
        expiresInDays: Number(form.get('expiresInDays')),
      },
      { onSuccess: () => target.reset() },
    );
  }
  const items = tokens.data?.items ?? [];
  return (
    <section aria-labelledby="personal-tokens-title">
      <h2 id="personal-tokens-title">Personal API tokens</h2>
      <p className="muted">
        A token acts as you, with your role: for your own scripts. Read tokens may only look (GET); revoke a token you
        no longer use.
      </p>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Token name
          <input name="name" required maxLength={200} placeholder="my script" />
        </label>
        <label>
          Scope
          <select name="scope" defaultValue="read">
            <option value="read">Read only</option>
            <option value="write">Read and write</option>
          </select>
        </label>
        <label>
          Expires after
          <select name="expiresInDays" defaultValue="90">
            {EXPIRIES.map((e) => (
              <option key={e.days} value={e.days}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
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
          <button type="button" className="small" onClick={() => setCreated(null)}>
            I have kept it
          </button>
        </div>
      )}
      {tokens.isPending && <Loading what="your tokens" />}
      <ErrorText error={tokens.error ?? revoke.error} />
      {tokens.data && items.length === 0 && <Empty title="No personal tokens" />}
      {items.length > 0 && (
        <table className="tickets" aria-label="Your personal API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Starts with</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scope === 'read' ? 'read only' : 'read and write'}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{formatTime(t.expiresAt)}</td>
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
