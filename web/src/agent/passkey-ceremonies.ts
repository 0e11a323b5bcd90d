import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { ApiError, api, type ResponseOf, type Session } from '../shared/api.js';

// The browser's half of each passkey ceremony: ask the desk for options, let the browser (and the
// phone, the laptop's fingerprint reader, the password manager) answer, send the answer back.

type Ceremony = ResponseOf<'/api/v1/auth/passkey/options', 'post'>;
type Passkey = ResponseOf<'/api/v1/me/passkeys', 'post', 201>;

export const passkeysSupported = () => browserSupportsWebAuthn();

/** A cancelled or timed-out browser prompt, said in the desk's words. */
function browserRefusal(err: unknown): never {
  if (err instanceof ApiError) throw err;
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    throw new ApiError(0, 'PASSKEY_CANCELLED', 'The passkey prompt was closed or timed out. Try again.');
  }
  if (name === 'InvalidStateError') {
    throw new ApiError(0, 'PASSKEY_EXISTS', 'This device has a passkey for your account already.');
  }
  throw new ApiError(0, 'PASSKEY_FAILED', err instanceof Error ? err.message : 'The passkey did not work.');
}

async function answer(ceremony: Ceremony) {
  try {
    return await startAuthentication({
      optionsJSON: ceremony.options as unknown as PublicKeyCredentialRequestOptionsJSON,
    });
  } catch (err) {
    browserRefusal(err);
  }
}

/** Signs in with a passkey alone (the browser offers the ones it keeps for this desk). */
export async function signInWithPasskey(): Promise<Session> {
  const ceremony = await api<Ceremony>('POST', '/api/v1/auth/passkey/options');
  const response = await answer(ceremony);
  return api<Session>('POST', '/api/v1/auth/sign-in/passkey', { attempt: ceremony.attempt, response });
}

/** The second step of a sign-in answered with one of the agent's passkeys. */
export async function passkeyAsSecondFactor(challenge: string): Promise<Session> {
  const ceremony = await api<Ceremony>('POST', '/api/v1/auth/sign-in/two-factor/passkey-options', { challenge });
  const response = await answer(ceremony);
  return api<Session>('POST', '/api/v1/auth/sign-in/two-factor', {
    challenge,
    passkey: { attempt: ceremony.attempt, response },
  });
}

/** Adds a passkey for the signed-in agent, who proves it is them first. */
export async function addPasskey(name: string, proof: { password?: string; code?: string }): Promise<Passkey> {
  const ceremony = await api<Ceremony>('POST', '/api/v1/me/passkeys/registration-options', proof);
  let response: Awaited<ReturnType<typeof startRegistration>>;
  try {
    response = await startRegistration({
      optionsJSON: ceremony.options as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
  } catch (err) {
    browserRefusal(err);
  }
  return api<Passkey>('POST', '/api/v1/me/passkeys', { attempt: ceremony.attempt, name, response });
}
