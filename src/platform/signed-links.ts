import type { DeskSecret } from './desk-secret.js';

// Stateless signed links (a booking offer, a call's join link, a rating link): the claims, base64url,
// then a signature by the desk key (SECRET_KEY rotation keeps old links valid through
// SECRET_KEY_PREVIOUS). The purpose is part of what is signed, so one kind never passes for another.

const SIGNATURE_LENGTH = 32;
const MAX_BODY_LENGTH = 400;

type Signer = Pick<DeskSecret, 'sign' | 'verify'>;

export function sealClaims(secret: Signer, purpose: string, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${secret.sign(`${purpose}.${body}`, SIGNATURE_LENGTH)}`;
}

/** The claims a token carries, or undefined when it is forged, damaged or of another purpose. */
export function openClaims<T>(secret: Signer, purpose: string, token: string): T | undefined {
  const [body, signature, extra] = token.split('.');
  if (
    !body ||
    !signature ||
    extra !== undefined ||
    signature.length !== SIGNATURE_LENGTH ||
    body.length > MAX_BODY_LENGTH
  ) {
    return undefined;
  }
  if (!secret.verify(`${purpose}.${body}`, signature)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
