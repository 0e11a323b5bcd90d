import { IANAZone } from 'luxon';
import { type Deps, inTransaction } from '../../deps.js';
import type { AgentRow } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { NewSession, SessionClient } from '../sessions.js';
import { recordRefusedSignIn, signInProviderAgent } from '../single-sign-on/sign-in-agent.js';
import { type Seen as CallbackSeen, checkOidcCallback } from './attempt.js';
import { nameOf, refusedCallback } from './callback-failure.js';
import type { OidcProvider } from './client.js';
import { oidcLinkStore } from './oidc-store.js';
import { groupsOf, roleFromGroups } from './role-from-claims.js';
import { callbackUrl } from './start-sign-in.js';

/** What the callback learned before it stopped, for the audit trail of a refused sign-in. */
interface Seen extends CallbackSeen {
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
    throw await refusedCallback(deps, err, seen, (failure, audited) =>
      recordRefusedSignIn(deps, 'oidc', failure, audited),
    );
  }
}

async function completeSignIn(
  deps: Deps,
  provider: OidcProvider,
  input: { attemptSecret: string | undefined; query: string; client?: SessionClient },
  seen: Seen,
) {
  const { settings } = provider;
  const { attempt, issuer, subject, claims, email } = await checkOidcCallback(
    deps,
    {
      attemptSecret: input.attemptSecret,
      query: input.query,
      redirectUri: callbackUrl(deps),
      organizationId: null,
      configuration: () => provider.configuration(),
      wanted: ['email', settings.roleClaim],
    },
    seen,
  );
  const role = roleFromGroups(groupsOf(claims[settings.roleClaim]), settings);
  if (!role) {
    throw new AppError('SSO_REFUSED', 'You are not in a group that may use this desk.', {
      reason: `in none of OIDC_AGENT_GROUPS, OIDC_LEAD_GROUPS, OIDC_ADMIN_GROUPS`,
    });
  }

  return inTransaction(deps, async (tx) => {
    const { session, agent } = await signInProviderAgent(
      tx,
      oidcLinkStore,
      {
        method: 'oidc',
        issuer,
        subject,
        email,
        // a provider that says nothing about verification is believed for a new agent (it is the
        // organization's own directory), not for one who exists (Entra ID's email claim)
        emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
        name: email ? nameOf(claims, email) : undefined,
        timeZone:
          typeof claims.zoneinfo === 'string' && IANAZone.isValidZone(claims.zoneinfo) ? claims.zoneinfo : 'UTC',
        role,
        reasons: {
          noEmail: 'no email claim in the ID token or userinfo',
          emailNotVouched: 'email_verified is not true',
        },
      },
      seen,
      input.client,
    );
    return { session, returnTo: attempt.returnTo, agent };
  });
}
