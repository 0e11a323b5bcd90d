import { type FormEvent, useState } from 'react';
import { api } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

export function PortalSignIn({ agentSignedIn }: { agentSignedIn: boolean }) {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email'));
    setError(null);
    try {
      await api('POST', '/api/v1/auth/sign-in-link', { email });
      setSent(email);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="portal-sign-in-title">
        <h1 id="portal-sign-in-title">Support portal</h1>
        {agentSignedIn && <p className="notice">You are signed in as an agent. The portal is for customers.</p>}
        {sent ? (
          <p role="status">
            If {sent} may use the portal, a sign-in link is on its way. It works once, for a short while.
          </p>
        ) : (
          <>
            <p>We email you a link that signs you in: no password to remember.</p>
            <label>
              Your email
              <input name="email" type="email" autoComplete="email" required />
            </label>
            <ErrorText error={error} />
            <button type="submit">Email me a sign-in link</button>
          </>
        )}
      </form>
    </main>
  );
}
