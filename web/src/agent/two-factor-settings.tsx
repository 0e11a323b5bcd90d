import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api, get, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { ErrorText, Loading } from '../shared/ui.js';

type Status = ResponseOf<'/api/v1/me/totp', 'get'>;
type Enrolment = ResponseOf<'/api/v1/me/totp', 'post'>;
type Codes = ResponseOf<'/api/v1/me/totp/confirm', 'post'>;
/** What asks the agent to prove it is them before the change: a code, or the password too */
type Asking =
  | { action: 'switch' | 'off'; proof: 'password-or-code' }
  | { action: 'regenerate'; proof: 'code' }
  | { action: 'setup'; proof: 'password' };

/**
 * The agent's own second factor: set up an authenticator app (scan the QR code, type the first code),
 * see the recovery codes once, move to a new phone, new recovery codes, turn it off. `onDone` runs
 * when the agent has put away their recovery codes.
 */
export function TwoFactorSettings({ onDone }: { onDone?: () => void }) {
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['me', 'totp'], queryFn: () => get<Status>('/api/v1/me/totp') });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['me', 'totp'] });

  async function start(proof: { password?: string; code?: string } = {}) {
    setError(null);
    try {
      setEnrolment(await api<Enrolment>('POST', '/api/v1/me/totp', proof));
      setAsking(null);
    } catch (err) {
      setError(err);
    }
  }

  async function proven(proof: { password?: string; code?: string }) {
    if (!asking) return;
    setError(null);
    try {
      if (asking.action === 'switch' || asking.action === 'setup') return await start(proof);
      if (asking.action === 'off') {
        await api('DELETE', '/api/v1/me/totp', proof);
      } else {
        setCodes((await api<Codes>('POST', '/api/v1/me/totp/recovery-codes', { code: proof.code })).recoveryCodes);
      }
      setAsking(null);
      await refresh();
    } catch (err) {
      setError(err);
    }
  }

  let body: ReactNode;
  if (status.isPending) body = <Loading what="your two-factor sign-in" />;
  else if (!status.data) body = <ErrorText error={status.error} />;
  else if (codes) {
    body = (
      <RecoveryCodes
        codes={codes}
        onSaved={() => {
          setCodes(null);
          onDone?.();
        }}
      />
    );
  } else if (enrolment) {
    body = (
      <Enrol
        enrolment={enrolment}
        onConfirmed={async (recoveryCodes) => {
          setEnrolment(null);
          setCodes(recoveryCodes);
          await refresh();
        }}
        onCancel={() => setEnrolment(null)}
      />
    );
  } else if (asking) {
    body = (
      <Proof asking={asking} hasPassword={status.data.hasPassword} onProof={proven} onCancel={() => setAsking(null)} />
    );
  } else if (status.data.enabled) {
    const s = status.data;
    body = (
      <>
        <p>
          <strong>On</strong> since {formatTime(s.enabledAt)}: signing in needs your password and a code from your
          authenticator app. {s.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        <div className="button-row">
          <button type="button" onClick={() => setAsking({ action: 'switch', proof: 'password-or-code' })}>
            Move to a new authenticator
          </button>
          <button type="button" onClick={() => setAsking({ action: 'regenerate', proof: 'code' })}>
            New recovery codes
          </button>
          {!s.required && (
            <button type="button" onClick={() => setAsking({ action: 'off', proof: 'password-or-code' })}>
              Turn off
            </button>
          )}
        </div>
        {s.required && <p className="muted">This desk requires two-factor sign-in, so it stays on.</p>}
      </>
    );
  } else {
    body = (
      <>
        <p>
          <strong>Off.</strong> With it on, signing in needs your password and a six-digit code from an authenticator
          app on your phone, so a stolen password alone is not enough.
        </p>
        <button
          type="button"
          onClick={() => (status.data.hasPassword ? setAsking({ action: 'setup', proof: 'password' }) : start())}
        >
          Set up two-factor sign-in
        </button>
      </>
    );
  }

  return (
    <section aria-labelledby="two-factor-settings-title" className="two-factor">
      <h2 id="two-factor-settings-title">Two-factor sign-in</h2>
      {body}
      <ErrorText error={error} />
    </section>
  );
}

function Enrol({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: Enrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).replace(/\s+/g, '');
    setBusy(true);
    setError(null);
    try {
      onConfirmed((await api<Codes>('POST', '/api/v1/me/totp/confirm', { code })).recoveryCodes);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="enrol">
      <ol>
        <li>
          <p>Scan this QR code with your authenticator app (Google Authenticator, Aegis, 1Password, …):</p>
          {/* an image, not markup in the page: the SVG cannot run or style anything here */}
          <img
            className="qr-code"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="QR code to scan with your authenticator app"
            width={200}
            height={200}
          />
          <p>
            Or type this key in the app:{' '}
            <code className="secret totp-key">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </li>
        <li>
          <label>
            The six-digit code the app shows
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              maxLength={7}
              required
            />
          </label>
        </li>
      </ol>
      <ErrorText error={error} />
      <div className="button-row">
        <button type="submit" disabled={busy}>
          Turn on two-factor sign-in
        </button>
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="notice recovery-codes" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title">Your recovery codes</h3>
      <p>
        Shown only now. Keep them somewhere safe, apart from your phone: each one signs you in once when you do not have
        it.
      </p>
      <ul aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(codes.join('\n'));
            setCopied(true);
          }}
        >
          Copy the codes
        </button>
        <button type="button" onClick={onSaved}>
          I have saved them
        </button>
        <span role="status">{copied ? 'Copied.' : ''}</span>
      </div>
    </section>
  );
}

const ACTIONS: Record<Asking['action'], string> = {
  setup: 'Set up two-factor sign-in',
  switch: 'Move to a new authenticator',
  regenerate: 'Make new recovery codes',
  off: 'Turn off two-factor sign-in',
};

function Proof({
  asking,
  hasPassword,
  onProof,
  onCancel,
}: {
  asking: Asking;
  hasPassword: boolean;
  onProof: (proof: { password?: string; code?: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const withPassword = asking.proof === 'password-or-code' && hasPassword;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get('code') ?? '').replace(/\s+/g, '');
    const password = String(form.get('password') ?? '');
    await onProof(code ? { code } : { password });
  }
  if (asking.proof === 'password') {
    return (
      <form onSubmit={submit}>
        <p>{ACTIONS[asking.action]}: first show it is you.</p>
        <label>
          Your password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <div className="button-row">
          <button type="submit">Continue</button>
          <button type="button" className="link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <form onSubmit={submit}>
      <p>{ACTIONS[asking.action]}: first show it is you.</p>
      <label>
        A code from your authenticator app
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required={!withPassword}
        />
      </label>
      {withPassword && (
        <label>
          or your password
          <input name="password" type="password" autoComplete="current-password" />
        </label>
      )}
      <div className="button-row">
        <button type="submit">{ACTIONS[asking.action]}</button>
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
