import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get, type ItemOf, type ResponseOf } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';
import { addPasskey, passkeysSupported } from './passkey-ceremonies.js';

type Passkeys = ResponseOf<'/api/v1/me/passkeys', 'get'>;
type Passkey = ItemOf<Passkeys>;
type Proof = { password?: string; code?: string };
type TwoFactorStatus = ResponseOf<'/api/v1/me/totp', 'get'>;
/** Which proofs the agent can give: a password they have, a code when two-factor sign-in is on */
type Proofs = { password: boolean; code: boolean };

/** What the agent types to show it is them: a code from their app, or the password. */
function proofOf(form: FormData): Proof {
  const code = String(form.get('code') ?? '').replace(/\s+/g, '');
  return code ? { code } : { password: String(form.get('password') ?? '') };
}

function ProofFields({ proofs }: { proofs: Proofs }) {
  return (
    <>
      {proofs.password && (
        <label>
          Your password
          <input name="password" type="password" autoComplete="current-password" required={!proofs.code} />
        </label>
      )}
      {proofs.code && (
        <label>
          {proofs.password ? 'or a code from your authenticator app' : 'A code from your authenticator app'}
          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} />
        </label>
      )}
    </>
  );
}

/**
 * The agent's passkeys: a passkey signs in alone (the phone or laptop checks a fingerprint or PIN)
 * and serves as the second factor after the password. Adding or removing one asks for the password
 * or a code first. `onAdded` runs after one is added.
 */
export function PasskeySettings({ onAdded }: { onAdded?: () => void }) {
  const client = useQueryClient();
  const passkeys = useQuery({ queryKey: ['me', 'passkeys'], queryFn: () => get<Passkeys>('/api/v1/me/passkeys') });
  // the same query as the two-factor section's: the code field only for an agent who has codes
  const twoFactor = useQuery({ queryKey: ['me', 'totp'], queryFn: () => get<TwoFactorStatus>('/api/v1/me/totp') });
  const proofs: Proofs = {
    password: twoFactor.data?.hasPassword !== false,
    code: twoFactor.data?.enabled !== false,
  };
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['me', 'passkeys'] });
    await client.invalidateQueries({ queryKey: ['me', 'totp'] });
  };
  const [adding, setAdding] = useState(false);
  const add = useMutation({
    mutationFn: ({ name, proof }: { name: string; proof: Proof }) => addPasskey(name, proof),
    onSuccess: async () => {
      setAdding(false);
      await refresh();
      onAdded?.();
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({ name: String(form.get('name')).trim(), proof: proofOf(form) });
  }
  const items = passkeys.data?.items ?? [];
  const supported = passkeysSupported();
  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p className="muted">
        A passkey signs you in with your device’s fingerprint, face or PIN instead of a password, and counts as your
        second factor after a password.
      </p>
      {passkeys.isPending && <Loading what="your passkeys" />}
      <ErrorText error={passkeys.error} />
      {passkeys.data && items.length === 0 && <Empty title="No passkeys" />}
      {items.length > 0 && (
        <ul className="stack" aria-label="Your passkeys">
          {items.map((p) => (
            <PasskeyItem key={p.id} passkey={p} proofs={proofs} onChanged={refresh} />
          ))}
        </ul>
      )}
      {!supported && <p className="muted">This browser cannot make passkeys.</p>}
      {supported && !adding && (
        <button type="button" onClick={() => setAdding(true)}>
          Add a passkey
        </button>
      )}
      {supported && adding && (
        <form onSubmit={submit} aria-label="Add a passkey">
          <label>
            Passkey name
            <input name="name" required maxLength={100} placeholder="Work laptop" />
          </label>
          <ProofFields proofs={proofs} />
          <ErrorText error={add.error} />
          <div className="button-row">
            <button type="submit" disabled={add.isPending}>
              {add.isPending ? 'Waiting for your device…' : 'Create the passkey'}
            </button>
            <button type="button" className="link" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function PasskeyItem({
  passkey,
  proofs,
  onChanged,
}: {
  passkey: Passkey;
  proofs: Proofs;
  onChanged: () => Promise<void>;
}) {
  const [mode, setMode] = useState<'view' | 'rename' | 'remove'>('view');
  const rename = useMutation({
    mutationFn: (name: string) => api('PATCH', `/api/v1/me/passkeys/${passkey.id}`, { name }),
    onSuccess: async () => {
      setMode('view');
      await onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: (proof: Proof) => api('DELETE', `/api/v1/me/passkeys/${passkey.id}`, proof),
    onSuccess: onChanged,
  });
  return (
    <li>
      <strong>{passkey.name}</strong>
      {passkey.deviceType === 'multiDevice' && <span className="badge"> Synced</span>}
      <br />
      <span className="muted">
        Added {formatTime(passkey.createdAt)} · last used{' '}
        {passkey.lastUsedAt ? formatTime(passkey.lastUsedAt) : 'never'}
      </span>{' '}
      {mode === 'view' && (
        <>
          <button type="button" className="small" onClick={() => setMode('rename')}>
            Rename<span className="visually-hidden"> {passkey.name}</span>
          </button>{' '}
          <button type="button" className="small" onClick={() => setMode('remove')}>
            Remove<span className="visually-hidden"> {passkey.name}</span>
          </button>
        </>
      )}
      {mode === 'rename' && (
        <form
          className="inline-form"
          aria-label={`Rename ${passkey.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate(String(new FormData(event.currentTarget).get('name')).trim());
          }}
        >
          <label>
            New name
            <input name="name" required maxLength={100} defaultValue={passkey.name} />
          </label>
          <button type="submit">Save the name</button>
          <button type="button" className="link" onClick={() => setMode('view')}>
            Cancel
          </button>
          <ErrorText error={rename.error} />
        </form>
      )}
      {mode === 'remove' && (
        <form
          aria-label={`Remove ${passkey.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(proofOf(new FormData(event.currentTarget)));
          }}
        >
          <p>Remove “{passkey.name}”: first show it is you.</p>
          <ProofFields proofs={proofs} />
          <ErrorText error={remove.error} />
          <div className="button-row">
            <button type="submit">Remove the passkey</button>
            <button type="button" className="link" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
