// @simplewebauthn/server takes a third of a second to load (its ASN.1 and COSE code): it is loaded when
// a passkey is first used, not by every process (and every test) that starts the desk.
let library: Promise<typeof import('@simplewebauthn/server')> | undefined;

export function webauthn() {
  library ??= import('@simplewebauthn/server');
  return library;
}
