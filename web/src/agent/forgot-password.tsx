import { type FormEvent, useState } from 'react';
import { api } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

/** "Forgot password?": the desk mails an agent a link to set a new one (reset-password.tsx). */
export function ForgotPassword({ onBack }: { onBack: () => void }) {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email'));
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/password-reset', { email });
      setSent(email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {sent ? (
        <p role="status">
          If {sent} is an agent’s address here, a link to set a new password is on its way. It works once, for an hour.
        </p>
      ) : (
        <>
          <p>We email you a link to set a new password.</p>
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required />
          </label>
          <ErrorText error={error} />
          <button type="submit" disabled={busy}>
            Email me a link
          </button>
        </>
      )}
      <p>
        <button type="button" className="link" onClick={onBack}>
          Back to sign-in
        </button>
      </p>
    </form>
  );
}
