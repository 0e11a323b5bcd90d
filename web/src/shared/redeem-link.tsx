import { useEffect, useState } from 'react';
import { TwoFactorStep } from '../agent/two-factor-step.js';
import { api, type ResponseOf } from './api.js';
import { ErrorText } from './ui.js';

/**
 * The page a mailed sign-in link opens. Mail scanners (Safe Links and the like) fetch every link in
 * a message; if a GET signed in, they would spend the one-time link before its owner clicks. Here
 * only the person's click, a POST, redeems it.
 */
export function RedeemLink() {
  // read once, then taken out of the address bar and the history
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // an agent with two-factor sign-in gives a code next: the link is one factor only
  const [challenge, setChallenge] = useState<{ challenge: string; methods: string[] } | null>(null);
  useEffect(() => window.history.replaceState(null, '', '/auth/link'), []);

  async function redeem() {
    setBusy(true);
    setError(null);
    try {
      const { kind, twoFactor } = await api<ResponseOf<'/api/v1/auth/redeem', 'post'>>('POST', '/api/v1/auth/redeem', {
        token,
      });
      if (twoFactor) {
        setChallenge(twoFactor);
        return;
      }
      // a full load: the app starts again as the one who just signed in
      window.location.assign(kind === 'agent' ? '/' : '/portal');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <main className="sign-in">
        <TwoFactorStep
          challenge={challenge.challenge}
          methods={challenge.methods}
          onSignedIn={() => window.location.assign('/')}
          onRestart={() => window.location.assign('/')}
        />
      </main>
    );
  }

  return (
    <main className="sign-in">
      <section className="stack" aria-labelledby="redeem-title">
        <h1 id="redeem-title">Sign in</h1>
        {token ? (
          <>
            <p>This link signs you in once. Continue to your tickets:</p>
            <button type="button" onClick={redeem} disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </>
        ) : (
          <p>This sign-in link is incomplete: open it from the mail again.</p>
        )}
        <ErrorText error={error} />
        {error !== null && (
          <p>
            <a href="/portal">Ask for a new link</a>
          </p>
        )}
      </section>
    </main>
  );
}
