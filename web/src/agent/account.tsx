import { type FormEvent, useState } from 'react';
import { api } from '../shared/api.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';
import { TwoFactorSettings } from './two-factor-settings.js';

/** The agent's own sign-in settings: their password and their second factor. */
export function AccountPage() {
  const session = useSession();
  return (
    <section className="stack account" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p className="muted">
        Signed in as {session.actor.name}
        {session.actor.email ? ` (${session.actor.email})` : ''}.
      </p>
      <PasswordSettings />
      <TwoFactorSettings />
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
