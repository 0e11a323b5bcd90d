import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type ResponseOf, type Session, setCsrfToken } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';
import { ForgotPassword } from './forgot-password.js';
import { passkeysSupported, signInWithPasskey } from './passkey-ceremonies.js';
import { SingleSignOn, useSignInMethods } from './single-sign-on.js';
import { TwoFactorStep } from './two-factor-step.js';

export function SignIn() {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const methods = useSignInMethods();
  // the password was right and a second factor comes next; or the agent forgot the password
  const [challenge, setChallenge] = useState<{ challenge: string; methods: string[] } | null>(null);
  const [forgot, setForgot] = useState(false);
  // the passkey's own error, shown beside its button: a cancelled prompt is not a wrong password
  const [passkeyError, setPasskeyError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setPasskeyError(null);
    try {
      const result = await api<ResponseOf<'/api/v1/auth/sign-in', 'post'>>('POST', '/api/v1/auth/sign-in', {
        email: String(form.get('email')),
        password: String(form.get('password')),
      });
      if ('twoFactor' in result) return setChallenge(result.twoFactor);
      setCsrfToken(result.csrfToken);
      client.setQueryData(['session'], result as Session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const signedIn = (session: Session) => client.setQueryData(['session'], session);

  async function withPasskey() {
    setBusy(true);
    setError(null);
    setPasskeyError(null);
    try {
      const session = await signInWithPasskey();
      setCsrfToken(session.csrfToken);
      signedIn(session);
    } catch (err) {
      setPasskeyError(err);
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <main className="sign-in">
        <TwoFactorStep
          challenge={challenge.challenge}
          methods={challenge.methods}
          onSignedIn={signedIn}
          onRestart={() => setChallenge(null)}
        />
      </main>
    );
  }
  if (forgot) {
    return (
      <main className="sign-in">
        <ForgotPassword onBack={() => setForgot(false)} />
      </main>
    );
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Pipefitter</h1>
        <SingleSignOn methods={methods} />
        {methods?.password && (
          <>
            <label>
              Email
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
            <ErrorText error={error} />
            <button type="submit" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <p>
              <button type="button" className="link" onClick={() => setForgot(true)}>
                Forgot password?
              </button>
            </p>
          </>
        )}
        {/* not "Sign in with a passkey": the password form's "Sign in" must stay the only button of that name */}
        {passkeysSupported() && (
          <>
            <p className="passkey-sign-in">
              Or without a password:{' '}
              <button type="button" onClick={withPasskey} disabled={busy}>
                Use a passkey
              </button>
            </p>
            <ErrorText error={passkeyError} />
          </>
        )}
        <p className="muted">
          A customer? Go to the <a href="/portal">support portal</a>.
        </p>
      </form>
    </main>
  );
}
