import { type FormEvent, useState } from 'react';
import { api, type ResponseOf } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';
import { type CompanySignIn, CompanySignInOffer, CompanySignInProblem } from './company-sign-in.js';

type SignInOptions = ResponseOf<'/api/v1/auth/sign-in-options', 'post'>;

export function PortalSignIn({ agentSignedIn }: { agentSignedIn: boolean }) {
  const [sent, setSent] = useState<string | null>(null);
  const [offer, setOffer] = useState<{ email: string; signIn: CompanySignIn } | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function emailLink(email: string) {
    setError(null);
    try {
      await api('POST', '/api/v1/auth/sign-in-link', { email });
      setSent(email);
    } catch (err) {
      setError(err);
    }
  }
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email'));
    setError(null);
    try {
      // the address's domain may have a company sign-in (the same answer for anyone there)
      const { companySignIn } = await api<SignInOptions>('POST', '/api/v1/auth/sign-in-options', { email });
      if (companySignIn) return setOffer({ email, signIn: companySignIn });
    } catch (err) {
      return setError(err);
    }
    await emailLink(email);
  }
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="portal-sign-in-title">
        <h1 id="portal-sign-in-title">Support portal</h1>
        {agentSignedIn && <p className="notice">You are signed in as an agent. The portal is for customers.</p>}
        <CompanySignInProblem />
        {sent ? (
          <p role="status">
            If {sent} may use the portal, a sign-in link is on its way. It works once, for a short while.
          </p>
        ) : offer ? (
          <>
            <CompanySignInOffer signIn={offer.signIn} onEmailLink={() => emailLink(offer.email)} />
            <ErrorText error={error} />
            <p>
              <button type="button" className="link" onClick={() => setOffer(null)}>
                Not {offer.email}? Use another address
              </button>
            </p>
          </>
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
