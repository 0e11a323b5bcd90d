import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, type ResponseOf } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

type Reset = ResponseOf<'/api/v1/auth/password-reset/confirm', 'post'>;

/**
 * The page the mailed reset link opens. As with sign-in links, only the person's click (a POST) uses
 * the link: a mail scanner fetching it changes nothing.
 */
export function ResetPassword() {
  // read once, then taken out of the address bar and the history
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  useEffect(() => window.history.replaceState(null, '', '/auth/reset'), []);
  const spent = error instanceof ApiError && error.code === 'PASSWORD_RESET_LINK_INVALID';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password'));
    if (password !== String(form.get('again'))) {
      setError(new Error('The two passwords differ.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api<Reset>('POST', '/api/v1/auth/password-reset/confirm', { token, password });
      // a full load: the app starts again as the one who just signed in
      if (result.signedIn) window.location.assign('/');
      else setNeedsCode(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Set a new password</h1>
        {needsCode ? (
          <>
            <p role="status">Your new password is set. Sign in with it and a code from your authenticator app.</p>
            <p>
              <a href="/">Sign in</a>
            </p>
          </>
        ) : token ? (
          <>
            <label>
              New password (at least 12 characters)
              <input name="password" type="password" autoComplete="new-password" minLength={12} required />
            </label>
            <label>
              New password again
              <input name="again" type="password" autoComplete="new-password" minLength={12} required />
            </label>
            <ErrorText error={error} />
            <button type="submit" disabled={busy}>
              {busy ? 'Setting…' : 'Set the password'}
            </button>
            {spent && (
              <p>
                <a href="/">Ask for a new link</a>
              </p>
            )}
          </>
        ) : (
          <p>This link is incomplete: open it from the mail again.</p>
        )}
      </form>
    </main>
  );
}
