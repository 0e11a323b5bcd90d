import { IANAZone } from 'luxon';
import * as oidc from 'openid-client';
import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import {
  type AgentRow,
  countActiveAdmins,
  createAgent,
  findAgentByEmail,
  findAgentById,
  updateAgent,
} from '../../people/index.js';
import { AppError, isAppError, storableError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/secrets.js';
import type { SystemActor } from '../actor.js';
import { type NewSession, type SessionClient, startSession } from '../sessions.js';
import type { OidcProvider } from './client.js';
import { findOidcLink, findOidcLinkOfAgent, insertOidcLink, takeOidcAttempt, touchOidcLink } from './oidc-store.js';
import { groupsOf, roleFromGroups } from './role-from-claims.js';
import { callbackUrl } from './start-sign-in.js';

/** Who writes what single sign-on does by itself in the audit trail: new agents, role changes, refusals. */
export const SINGLE_SIGN_ON: SystemActor = { kind: 'system', name: 'Single sign-on' };

const TRY_AGAIN = 'Single sign-on did not complete. Start again from the sign-in page.';

/** What the callback learned before it stopped, for the audit trail of a refused sign-in. */
interface Seen {
  /** the callback took a waiting attempt of this browser (not written into the audit row) */
  attemptTaken?: boolean;
  issuer: string;
  subject?: string;
  email?: string;
  agentId?: string;
}

/**
 * Completes a sign-in when the provider sends the browser back: the attempt this browser started
 * (taken once), the code exchanged and the ID token checked by openid-client, then the agent found
 * by (issuer, subject) — by email only the first time, or created — their role set from the
 * provider's groups, and a session started as password sign-in starts one. Every refusal is an
 * AppError whose `details.reason` says what happened; it and every success go to the audit trail.
 */
export async function finishOidcSignIn(
  deps: Deps,
  provider: OidcProvider,
  input: { attemptSecret: string | undefined; query: string; client?: SessionClient },
): Promise<{ session: NewSession; returnTo: string; agent: AgentRow }> {
  const seen: Seen = { issuer: provider.settings.issuer };
  try {
    return await completeSignIn(deps, provider, input, seen);
  } catch (err) {
    const failure = asFailure(err);
    if (!isAppError(err) && failure.code === 'SSO_FAILED' && !isProtocolError(err)) {
      deps.log.error({ err }, 'single sign-on failed unexpectedly');
    }
    const { attemptTaken, ...audited } = seen;
    if (!attemptTaken) {
      // anyone can call the callback: without an attempt of this browser nothing was tried, and an
      // audit row per stranger's request would let them fill the table
      deps.log.info({ reason: reasonOf(failure) }, 'single sign-on callback without a sign-in attempt');
      throw failure;
    }
    try {
      await recordEvent(deps.db, {
        actor: SINGLE_SIGN_ON,
        at: deps.clock.now(),
        action: 'agent.sign-in-failed',
        entityType: 'agent',
        entityId: seen.agentId ?? 'unknown',
        data: { method: 'oidc', code: failure.code, reason: reasonOf(failure), ...audited },
      });
    } catch (auditError) {
      deps.log.error({ err: auditError }, 'a refused single sign-on could not be written to the audit trail');
    }
    throw failure;
  }
}

async function completeSignIn(
  deps: Deps,
  provider: OidcProvider,
  input: { attemptSecret: string | undefined; query: string; client?: SessionClient },
  seen: Seen,
) {
  const { settings } = provider;
  // taken before anything else and outside the transaction below: a refused callback uses it up too
  const attempt = input.attemptSecret
    ? await takeOidcAttempt(deps.db, hashSecret(input.attemptSecret), deps.clock.now())
    : undefined;
  if (attempt) seen.attemptTaken = true;
  if (!attempt) {
    throw new AppError('SSO_FAILED', TRY_AGAIN, {
      reason:
        'no sign-in attempt of this browser was waiting: none started here, used already, or older than 10 minutes',
    });
  }
  const configuration = await provider.configuration();
  const currentUrl = new URL(callbackUrl(deps));
  currentUrl.search = input.query;
  const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
    pkceCodeVerifier: attempt.codeVerifier,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new AppError('SSO_FAILED', TRY_AGAIN, { reason: 'the provider sent no ID token' });
  // the provider's own spelling of its issuer (openid-client checked it is the one configured)
  const issuer = idToken.iss;
  seen.issuer = issuer;
  seen.subject = idToken.sub;
  // many providers put email, name and groups only in the userinfo answer, not in the ID token
  let claims: Record<string, unknown> = idToken;
  if (
    (idToken.email === undefined || idToken[settings.roleClaim] === undefined) &&
    configuration.serverMetadata().userinfo_endpoint
  ) {
    const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    claims = { ...userInfo, ...idToken };
  }
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  if (email) seen.email = email;
  const role = roleFromGroups(groupsOf(claims[settings.roleClaim]), settings);
  if (!role) {
    throw new AppError('SSO_REFUSED', 'You are not in a group that may use this desk.', {
      reason: `in none of OIDC_AGENT_GROUPS, OIDC_LEAD_GROUPS, OIDC_ADMIN_GROUPS`,
    });
  }

  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const link = await findOidcLink(tx.db, issuer, idToken.sub);
    let agent = link ? await findAgentById(tx.db, link.agentId) : undefined;
    if (link && agent) {
      seen.agentId = agent.id;
      refuseInactive(agent);
      await touchOidcLink(tx.db, issuer, idToken.sub, { email: email ?? link.email, at: now });
    } else {
      // the first sign-in: the email finds (or makes) the agent, once; from then on the subject does
      if (!email) {
        throw new AppError('SSO_EMAIL_UNVERIFIED', 'The identity provider did not share your email address.', {
          reason: 'no email claim in the ID token or userinfo',
        });
      }
      // a provider that says nothing about verification is believed (it is the organization's own
      // directory); one that says the address is not verified is not
      if (claims.email_verified === false) {
        throw new AppError(
          'SSO_EMAIL_UNVERIFIED',
          'Your email address is not verified at the identity provider; verify it there first.',
          { reason: 'email_verified is false' },
        );
      }
      agent = await findAgentByEmail(tx.db, email);
      if (agent) {
        seen.agentId = agent.id;
        refuseInactive(agent);
        // an agent who exists is linked by email only when the provider vouches for the address: where
        // people may set their own email and the provider says nothing (Entra ID's email claim), taking
        // the address would take the account, an admin's included
        if (claims.email_verified !== true) {
          throw new AppError(
            'SSO_EMAIL_UNVERIFIED',
            'The identity provider does not confirm that this email address is yours, and an agent has it.',
            { reason: `email_verified is not true, and the agent ${email} exists` },
          );
        }
        if (await findOidcLinkOfAgent(tx.db, issuer, agent.id)) {
          throw new AppError(
            'SSO_ACCOUNT_CONFLICT',
            'Your email address belongs to an agent who signs in with another account at the identity provider.',
            { reason: `the agent ${email} is linked to another subject at this issuer` },
          );
        }
      } else {
        agent = await createAgent(tx, SINGLE_SIGN_ON, {
          email,
          name: nameOf(claims, email),
          role,
          timeZone:
            typeof claims.zoneinfo === 'string' && IANAZone.isValidZone(claims.zoneinfo) ? claims.zoneinfo : 'UTC',
        });
        seen.agentId = agent.id;
      }
      await insertOidcLink(tx.db, {
        issuer,
        subject: idToken.sub,
        agentId: agent.id,
        email,
        createdAt: now,
        lastSignInAt: now,
      });
    }
    // the provider's groups decide the role at every sign-in (updateAgent records the change), except
    // that the desk's last admin stays one: groups not yet set up must not leave nobody to set them
    if (agent.role !== role && !(agent.role === 'admin' && (await countActiveAdmins(tx.db)) <= 1)) {
      await updateAgent(tx, SINGLE_SIGN_ON, agent.id, { role });
      agent = { ...agent, role };
    }
    const session = await startSession(tx, { agentId: agent.id }, 'sso', input.client, {
      issuer,
      subject: idToken.sub,
    });
    return { session, returnTo: attempt.returnTo, agent };
  });
}

function refuseInactive(agent: AgentRow): void {
  if (!agent.active) {
    throw new AppError('SSO_AGENT_DEACTIVATED', 'Your agent account is deactivated. Ask an admin to reactivate it.', {
      reason: 'the agent is deactivated',
    });
  }
}

function nameOf(claims: Record<string, unknown>, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return text(claims.name) || given || text(claims.preferred_username) || (email.split('@')[0] as string);
}

/** openid-client's refusals (a bad state, nonce, issuer or code; the provider's own error answer). */
function isProtocolError(err: unknown): boolean {
  return (
    err instanceof oidc.AuthorizationResponseError ||
    err instanceof oidc.ResponseBodyError ||
    err instanceof oidc.WWWAuthenticateChallengeError ||
    (err instanceof Error && typeof (err as { code?: unknown }).code === 'string')
  );
}

/** Every way the callback can fail, as the AppError the sign-in page shows. */
function asFailure(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    const reason = `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
    if (err.error === 'access_denied') {
      return new AppError('SSO_REFUSED', 'The identity provider did not let you in.', { reason });
    }
    return new AppError('SSO_FAILED', TRY_AGAIN, { reason });
  }
  if (err instanceof oidc.ResponseBodyError) {
    return new AppError('SSO_FAILED', TRY_AGAIN, {
      reason: `the provider refused the code: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`,
    });
  }
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) {
    return new AppError('SSO_UNAVAILABLE', 'The identity provider could not be reached; try again in a moment.', {
      reason: storableError(err, 500),
    });
  }
  return new AppError('SSO_FAILED', TRY_AGAIN, { reason: withCauses(err) });
}

/** openid-client words its refusals generally ("invalid response encountered"); the cause says which check. */
function withCauses(err: unknown): string {
  const parts = [storableError(err, 300)];
  let cause = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    parts.push(storableError(cause, 300));
    cause = cause.cause;
  }
  return parts.join(': ');
}

function reasonOf(error: AppError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason.slice(0, 500) : error.message;
}
