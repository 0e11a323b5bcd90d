import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

// The client side of WebAuthn in software, for tests at the HTTP level: what a browser and a
// platform authenticator together send back. Real attestation objects (fmt "none", CBOR) and real
// assertions signed with a P-256 key from node:crypto, so @simplewebauthn/server checks them as it
// checks a phone's. Overrides make the forged answers an attacker would try.

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** A small CBOR encoder: enough for COSE keys and attestation objects. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  cosePublicKey: Buffer;
  rpId: string;
  /** base64url user handle from the registration options */
  userHandle: string;
  counter: number;
}

interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export interface Overrides {
  /** the origin the "browser" reports */
  origin?: string;
  /** the RP ID the authenticator scopes to (its hash goes in authenticator data) */
  rpId?: string;
  /** a challenge other than the options' */
  challenge?: string;
  /** the signature counter to report (an assertion) */
  counter?: number;
  /** user verified (PIN, biometrics); true unless told */
  userVerified?: boolean;
  /** which credential answers (by base64url id), when the authenticator has several */
  credentialId?: string;
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];

  constructor(readonly origin: string) {}

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create: a new P-256 passkey, resident (discoverable). */
  register(options: CreationOptions, overrides: Overrides = {}) {
    const rpId = overrides.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const id = randomBytes(32);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), length, id, cosePublicKey]);
    const flags = FLAG_UP | (overrides.userVerified === false ? 0 : FLAG_UV) | FLAG_AT;
    const authData = this.authData(rpId, flags, 0, attested);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    const clientDataJSON = this.clientData(
      'webauthn.create',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? this.origin,
    );
    const credential: StoredCredential = {
      id,
      privateKey,
      cosePublicKey,
      rpId,
      userHandle: options.user.id,
      counter: 0,
    };
    this.credentials.push(credential);
    return {
      credential,
      response: {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64url(clientDataJSON),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
      },
    };
  }

  /** navigator.credentials.get: an assertion by one of its passkeys, the counter one higher. */
  assert(options: RequestOptions, overrides: Overrides = {}) {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = this.credentials.find((c) =>
      overrides.credentialId
        ? b64url(c.id) === overrides.credentialId
        : allowed.size > 0
          ? allowed.has(b64url(c.id))
          : c.rpId === (options.rpId ?? new URL(this.origin).hostname),
    );
    if (!credential) throw new Error('This authenticator has no passkey for that request.');
    credential.counter = overrides.counter ?? credential.counter + 1;
    const rpId = overrides.rpId ?? credential.rpId;
    const flags = FLAG_UP | (overrides.userVerified === false ? 0 : FLAG_UV);
    const authData = this.authData(rpId, flags, credential.counter);
    const clientDataJSON = this.clientData(
      'webauthn.get',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? this.origin,
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** Another authenticator holding copies of these passkeys, counters and all: a cloned one. */
  clone(): SoftwareAuthenticator {
    const copy = new SoftwareAuthenticator(this.origin);
    for (const c of this.credentials) copy.credentials.push({ ...c });
    return copy;
  }
}
