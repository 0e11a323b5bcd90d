import { type FormEvent, useState } from 'react';
import { ApiError, api, type Session, setCsrfToken } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';
import { passkeyAsSecondFactor } from './passkey-ceremonies.js';

/**
 * The second step of an agent's sign-in (after the password, or a one-time link): a code from the
 * authenticator app, one of the recovery codes, or a passkey (`methods` says which the agent has). A
 * few wrong tries end the attempt; then the agent signs in again from the start.
 */
export function TwoFactorStep({
  challenge,
  methods = ['totp', 'recovery'],
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  methods?: string[];
  onSignedIn: (session: Session) => void;
  onRestart: () => void;
}) {
  const codes = methods.includes('totp');
  const passkey = methods.includes('passkey');
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const over = error instanceof ApiError && error.code === 'TWO_FACTOR_CHALLENGE_INVALID';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const session = await api<Session>(
        'POST',
        '/api/v1/auth/sign-in/two-factor',
        recovery ? { challenge, recoveryCode: value } : { challenge, code: value.replace(/\s+/g, '') },
      );
      setCsrfToken(session.csrfToken);
      onSignedIn(session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  async function answerWithPasskey() {
    setBusy(true);
    setError(null);
    try {
      const session = await passkeyAsSecondFactor(challenge);
      setCsrfToken(session.csrfToken);
      onSignedIn(session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const passkeyButton = passkey && !over && (
    <p>
      <button type="button" className={codes ? 'link' : undefined} onClick={answerWithPasskey} disabled={busy}>
        Use a passkey
      </button>
    </p>
  );

  if (!codes) {
    return (
      <form onSubmit={(event) => event.preventDefault()} aria-labelledby="two-factor-title">
        <h1 id="two-factor-title">Two-factor sign-in</h1>
        <p>Confirm it is you with your passkey.</p>
        {passkeyButton}
        <ErrorText error={error} />
        {over && (
          <button type="button" onClick={onRestart}>
            Sign in again
          </button>
        )}
      </form>
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Two-factor sign-in</h1>
      {recovery ? (
        <label key="recovery">
          Recovery code
          <input name="code" autoComplete="off" spellCheck={false} required maxLength={64} />
        </label>
      ) : (
        <label key="totp">
          Code from your authenticator app
          <input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,7}"
            maxLength={7}
            required
          />
        </label>
      )}
      <ErrorText error={error} />
      {over ? (
        <button type="button" onClick={onRestart}>
          Sign in again
        </button>
      ) : (
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
      )}
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setRecovery(!recovery);
            setError(null);
          }}
        >
          {recovery ? 'Use a code from your app' : 'Use a recovery code'}
        </button>
      </p>
      {passkeyButton}
    </form>
  );
}
