import { type CacheProvider, type Profile, SamlStatusError } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { SamlSettings } from '../../config.js';
import { type Deps, inTransaction } from '../../deps.js';
import type { AgentRow } from '../../people/index.js';
import { AppError, isAppError, storableError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import { groupsOf, roleFromGroups } from '../oidc/role-from-claims.js';
import type { NewSession, SessionClient } from '../sessions.js';
import { reasonOf, recordRefusedSignIn, signInProviderAgent } from '../single-sign-on/sign-in-agent.js';
import { type SamlRequestRow, samlLinkStore, takeSamlRequest } from './saml-store.js';
import { acsUrl, serviceProvider } from './service-provider.js';

const TRY_AGAIN = 'Single sign-on did not complete. Start again from the sign-in page.';

/** The largest SAMLResponse taken, base64 (a Response with a few dozen groups is a few kB). */
export const MAX_RESPONSE_CHARS = 256 * 1024;

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** What the assertion consumer learned before it stopped, for the audit trail of a refused sign-in. */
interface Seen {
  issuer: string;
  subject?: string;
  email?: string;
  agentId?: string;
}

/**
 * Completes a sign-in when the identity provider posts its Response to the assertion consumer: the
 * request it answers (taken once), the assertion checked by node-saml and the checks it leaves out
 * here, then the agent found by (IdP entity ID, NameID), as OpenID Connect does (single-sign-on/).
 * Every refusal is an AppError whose `details.reason` says what happened; a refusal of an answer to
 * one of our requests goes to the audit trail (one made up by a stranger only to the log).
 */
export async function finishSamlSignIn(
  deps: Deps,
  settings: SamlSettings,
  input: { samlResponse: unknown; browserSecret: string | undefined; client?: SessionClient },
): Promise<{ session: NewSession; returnTo: string; agent: AgentRow }> {
  const seen: Seen = { issuer: settings.idpEntityId };
  const request: { taken?: SamlRequestRow } = {};
  try {
    return await completeSignIn(deps, settings, input, seen, request);
  } catch (err) {
    const failure = asFailure(err);
    // node-saml's refusals are plain Errors, as a database failure would be: the log keeps the stack
    if (!isAppError(err)) deps.log.warn({ err }, 'SAML sign-in refused');
    if (!request.taken) {
      deps.log.info({ reason: reasonOf(failure) }, 'SAML Response that answers no request of ours');
      throw failure;
    }
    await recordRefusedSignIn(deps, 'saml', failure, { ...seen });
    throw failure;
  }
}

async function completeSignIn(
  deps: Deps,
  settings: SamlSettings,
  input: { samlResponse: unknown; browserSecret: string | undefined; client?: SessionClient },
  seen: Seen,
  request: { taken?: SamlRequestRow },
) {
  const encoded = input.samlResponse;
  if (typeof encoded !== 'string' || encoded.length === 0) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, { reason: 'no SAMLResponse in the form' });
  }
  if (encoded.length > MAX_RESPONSE_CHARS) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the SAMLResponse is over ${MAX_RESPONSE_CHARS} characters`,
    });
  }
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  // no DTDs: entity expansion is a way to make a small message large
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, { reason: 'the SAMLResponse has a DOCTYPE' });
  }

  // node-saml asks for the Response's InResponseTo before anything else: the request is taken then,
  // so a refused Response uses it up too, and one answer at most is ever believed for it. Only the
  // browser that started it can: an attacker's own Response posted from a victim's browser is refused
  const now = deps.clock.now();
  const browserHash = input.browserSecret ? hashSecret(input.browserSecret) : undefined;
  const requests: CacheProvider = {
    saveAsync: async () => null,
    async getAsync(id) {
      if (!request.taken && browserHash) request.taken = await takeSamlRequest(deps.db, id, browserHash, now);
      // its age was checked against the desk's clock as it was taken; node-saml compares with its own
      return request.taken?.id === id ? new Date().toISOString() : null;
    },
    removeAsync: async () => null,
  };
  let profile: Profile | null;
  try {
    ({ profile } = await serviceProvider(deps, settings, { requests }).validatePostResponseAsync({
      SAMLResponse: encoded,
    }));
  } catch (err) {
    if (!request.taken && err instanceof Error && /InResponseTo/.test(err.message)) {
      throw new AppError('SSO_FAILED', TRY_AGAIN, {
        reason: `no request of this browser's was waiting for this Response (unasked, started elsewhere, answered already, or older than 10 minutes): ${err.message}`,
      });
    }
    throw err;
  }
  const taken = request.taken;
  if (!profile || !taken) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, { reason: 'the Response carries no assertion' });
  }
  checkWhatNodeSamlLeavesOut(deps, settings, xml, profile, taken.id);

  seen.subject = profile.nameID;
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const email = emailOf(profile, attributes);
  if (email) seen.email = email;
  if (profile.nameIDFormat === TRANSIENT) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason:
        'the NameID is transient (a new one at every sign-in): configure a persistent NameID at the identity provider',
    });
  }
  const role = roleFromGroups(groupsOf(attributes[settings.roleAttribute]), settings);
  if (!role) {
    throw new AppError('SSO_REFUSED', 'You are not in a group that may use this desk.', {
      reason: 'in none of SAML_AGENT_GROUPS, SAML_LEAD_GROUPS, SAML_ADMIN_GROUPS',
    });
  }

  return inTransaction(deps, async (tx) => {
    const { session, agent } = await signInProviderAgent(
      tx,
      samlLinkStore,
      {
        method: 'saml',
        issuer: settings.idpEntityId,
        subject: profile.nameID,
        email,
        // SAML has no "verified" flag: the admin says whether the directory's addresses can be trusted
        emailVerified: settings.linkByEmail ? true : undefined,
        name: nameOf(attributes),
        timeZone: 'UTC',
        role,
        reasons: {
          noEmail: 'no email attribute, and the NameID is not an email address',
          emailNotVouched: 'SAML_LINK_BY_EMAIL is off',
        },
      },
      seen,
      input.client,
    );
    return { session, returnTo: taken.returnTo, agent };
  });
}

/**
 * The Issuer, Recipient, Destination, and the signed InResponseTo: that the assertion was made by
 * our IdP for this desk's ACS, in answer to this request.
 */
function checkWhatNodeSamlLeavesOut(
  deps: Deps,
  settings: SamlSettings,
  xml: string,
  profile: Profile,
  requestId: string,
): void {
  const acs = acsUrl(deps);
  if (profile.issuer !== settings.idpEntityId) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the assertion's Issuer is ${String(profile.issuer).slice(0, 200)}, not SAML_IDP_ENTITY_ID`,
    });
  }
  // the Response around the assertion may be unsigned, but where it names a Destination, it is ours
  const destination = new DOMParser().parseFromString(xml, 'text/xml').documentElement?.getAttribute('Destination');
  if (destination && destination !== acs) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the Response's Destination is ${destination.slice(0, 200)}, not ${acs}`,
    });
  }
  // the signed assertion's bearer confirmation names who may present it (this desk's ACS) and the
  // request it answers: the Response's own InResponseTo is outside the signature when only the
  // assertion is signed, so an assertion made for no request (IdP-initiated) must not pass under it
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const confirmations = first(assertion?.Subject)?.SubjectConfirmation ?? [];
  const bearers = confirmations
    .filter((c: XmlJs) => c.$?.Method === BEARER)
    .map((c: XmlJs) => first(c.SubjectConfirmationData)?.$ ?? {});
  if (!bearers.some((data: XmlJs) => data.Recipient === acs)) {
    const named = bearers.map((data: XmlJs) => String(data.Recipient)).join(', ');
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `no bearer SubjectConfirmation has the Recipient ${acs} (${named.slice(0, 200) || 'none'})`,
    });
  }
  if (!bearers.some((data: XmlJs) => data.Recipient === acs && data.InResponseTo === requestId)) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: "the assertion's bearer SubjectConfirmation does not answer this request (InResponseTo)",
    });
  }
}

/** xml2js's shape of an element, as node-saml parses the signed assertion */
// biome-ignore lint/suspicious/noExplicitAny: the parsed XML has no static shape
type XmlJs = Record<string, any>;
const first = (value: unknown): XmlJs | undefined => (Array.isArray(value) ? value[0] : undefined);

function text(value: unknown): string {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.trim() : '';
}

function emailOf(profile: Profile, attributes: Record<string, unknown>): string | undefined {
  const email =
    text(profile.email) ||
    text(attributes.email) ||
    text(attributes['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']) ||
    (profile.nameIDFormat === EMAIL_FORMAT ? text(profile.nameID) : '');
  return /^[^@\s]+@[^@\s]+$/.test(email) ? email.toLowerCase() : undefined;
}

function nameOf(attributes: Record<string, unknown>): string | undefined {
  const given = text(attributes.givenName) || text(attributes['urn:oid:2.5.4.42']);
  const family = text(attributes.sn) || text(attributes.surname) || text(attributes['urn:oid:2.5.4.4']);
  return (
    text(attributes.displayName) ||
    text(attributes['urn:oid:2.16.840.1.113730.3.1.241']) ||
    text(attributes['http://schemas.microsoft.com/identity/claims/displayname']) ||
    text(attributes.name) ||
    [given, family].filter(Boolean).join(' ') ||
    undefined
  );
}

/** Every way the assertion consumer can fail, as the AppError the sign-in page shows. */
function asFailure(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof SamlStatusError) {
    // the identity provider said no (its StatusCode): a cancelled or refused login
    const refused = /AuthnFailed|RequestDenied|NoPassive/.test(err.xmlStatus);
    return new AppError(
      refused ? 'SSO_REFUSED' : 'SSO_FAILED',
      refused ? 'The identity provider did not let you in.' : TRY_AGAIN,
      {
        reason: storableError(err, 500),
      },
    );
  }
  return new AppError('SSO_FAILED', TRY_AGAIN, { reason: storableError(err, 500) });
}
