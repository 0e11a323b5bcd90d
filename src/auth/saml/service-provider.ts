import { type CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { SamlSettings } from '../../config.js';
import type { Deps } from '../../deps.js';
import { MINUTE_MS } from '../../platform/clock.js';

// The desk's side of SAML 2.0 is node-saml (the maintained core of passport-saml): the AuthnRequest,
// the SP metadata, and the Response's checks: the signature of the assertion itself (only what the
// signature covers is read, so a second or moved assertion is refused), InResponseTo, audience and
// the NotBefore/NotOnOrAfter times. What it leaves out (Issuer, Recipient, Destination) finish-sign-in checks.

/** How long the person has at the identity provider before the request is forgotten. */
export const REQUEST_MINUTES = 10;

export const acsUrl = (deps: Deps) => `${deps.config.publicUrl}/auth/saml/acs`;

/** The requests live in saml_requests (start-sign-in, finish-sign-in); node-saml's own cache is not used. */
const NO_CACHE: CacheProvider = {
  saveAsync: async () => null,
  getAsync: async () => null,
  removeAsync: async () => null,
};

export function serviceProvider(
  deps: Deps,
  settings: SamlSettings,
  options: { requestId?: string; requests?: CacheProvider } = {},
): SAML {
  return new SAML({
    entryPoint: settings.idpSsoUrl,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    callbackUrl: acsUrl(deps),
    idpCert: settings.idpCerts,
    idpIssuer: settings.idpEntityId,
    // the assertion must carry its own signature; a signed Response around an unsigned one is not enough
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    // a Response must answer a request of ours: none IdP-initiated, none unasked
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_MINUTES * MINUTE_MS,
    acceptedClockSkewMs: MINUTE_MS,
    // the identity provider chooses the NameID format and how people prove who they are (its own second factor)
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(options.requestId ? { generateUniqueId: () => options.requestId as string } : {}),
    cacheProvider: options.requests ?? NO_CACHE,
  });
}
