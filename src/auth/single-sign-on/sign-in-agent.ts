import { recordEvent } from '../../audit/index.js';
import type { Deps } from '../../deps.js';
import {
  type AgentRole,
  type AgentRow,
  countActiveAdmins,
  createAgent,
  findAgentByEmail,
  findAgentById,
  updateAgent,
} from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { SystemActor } from '../actor.js';
import { type NewSession, type SessionClient, startSession } from '../sessions.js';
import type { ProviderLinks } from './link-store.js';

// What OpenID Connect and SAML do alike once the identity provider's answer is checked: find the
// agent by the provider's (issuer, subject), by email only the first time (or create them), set
// their role from the provider's groups, and start a session; and write a refusal to the audit trail.

/** Who writes what single sign-on does by itself in the audit trail: new agents, role changes, refusals. */
const SINGLE_SIGN_ON: SystemActor = { kind: 'system', name: 'Single sign-on' };

/** Who the identity provider says the person is, checked by the protocol's own module. */
export interface ProviderIdentity {
  method: 'oidc' | 'saml';
  issuer: string;
  subject: string;
  /** lower case */
  email: string | undefined;
  /**
   * true: the provider vouches for the address, so it links an agent who has it; false: it says the
   * address is not verified (refused at the first sign-in); undefined: it says nothing, so the
   * address may make a new agent but does not take an existing one's account
   */
  emailVerified: boolean | undefined;
  name: string | undefined;
  timeZone: string;
  role: AgentRole;
  /** for the audit trail, in the protocol's words */
  reasons: { noEmail: string; emailNotVouched: string };
}

/**
 * Signs in the agent the provider vouches for, inside the caller's transaction. Every refusal is an
 * AppError whose `details.reason` says what happened; `seen.agentId` names the agent once known.
 */
export async function signInProviderAgent(
  tx: Deps,
  links: ProviderLinks,
  who: ProviderIdentity,
  seen: { agentId?: string },
  client?: SessionClient,
): Promise<{ session: NewSession; agent: AgentRow }> {
  const now = tx.clock.now();
  const { issuer, subject, email, role } = who;
  const link = await links.find(tx.db, issuer, subject);
  let agent = link ? await findAgentById(tx.db, link.agentId) : undefined;
  if (link && agent) {
    seen.agentId = agent.id;
    refuseInactive(agent);
    await links.touch(tx.db, issuer, subject, { email: email ?? link.email, at: now });
  } else {
    // the first sign-in: the email finds (or makes) the agent, once; from then on the subject does
    if (!email) {
      throw new AppError('SSO_EMAIL_UNVERIFIED', 'The identity provider did not share your email address.', {
        reason: who.reasons.noEmail,
      });
    }
    if (who.emailVerified === false) {
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
      // people may set their own email and the provider says nothing, taking the address would take
      // the account, an admin's included
      if (who.emailVerified !== true) {
        throw new AppError(
          'SSO_EMAIL_UNVERIFIED',
          'The identity provider does not confirm that this email address is yours, and an agent has it.',
          { reason: `${who.reasons.emailNotVouched}, and the agent ${email} exists` },
        );
      }
      if (await links.findOfAgent(tx.db, issuer, agent.id)) {
        throw new AppError(
          'SSO_ACCOUNT_CONFLICT',
          'Your email address belongs to an agent who signs in with another account at the identity provider.',
          { reason: `the agent ${email} is linked to another subject at this issuer` },
        );
      }
    } else {
      agent = await createAgent(tx, SINGLE_SIGN_ON, {
        email,
        name: who.name || (email.split('@')[0] as string),
        role,
        timeZone: who.timeZone,
      });
      seen.agentId = agent.id;
    }
    await links.insert(tx.db, { issuer, subject, agentId: agent.id, email, createdAt: now, lastSignInAt: now });
  }
  // the provider's groups decide the role at every sign-in (updateAgent records the change), except
  // that the desk's last admin stays one: groups not yet set up must not leave nobody to set them
  if (agent.role !== role && !(agent.role === 'admin' && (await countActiveAdmins(tx.db)) <= 1)) {
    try {
      await updateAgent(tx, SINGLE_SIGN_ON, agent.id, { role });
      agent = { ...agent, role };
    } catch (err) {
      // two last admins signing in at once: the second keeps the role, and still signs in
      if (!(err instanceof AppError && err.code === 'LAST_ADMIN')) throw err;
    }
  }
  const session = await startSession(tx, { agent }, 'sso', client, { method: who.method, issuer, subject });
  return { session, agent };
}

function refuseInactive(agent: AgentRow): void {
  if (!agent.active) {
    throw new AppError('SSO_AGENT_DEACTIVATED', 'Your agent account is deactivated. Ask an admin to reactivate it.', {
      reason: 'the agent is deactivated',
    });
  }
}

/** A refused single sign-on in the audit trail, with what the protocol saw before it stopped. */
export async function recordRefusedSignIn(
  deps: Deps,
  method: ProviderIdentity['method'],
  failure: AppError,
  seen: { agentId?: string } & Record<string, unknown>,
): Promise<void> {
  try {
    await recordEvent(deps.db, {
      actor: SINGLE_SIGN_ON,
      at: deps.clock.now(),
      action: 'agent.sign-in-failed',
      entityType: 'agent',
      entityId: seen.agentId ?? 'unknown',
      data: { method, code: failure.code, reason: reasonOf(failure), ...seen },
    });
  } catch (auditError) {
    deps.log.error({ err: auditError }, 'a refused single sign-on could not be written to the audit trail');
  }
}

export function reasonOf(error: AppError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason.slice(0, 500) : error.message;
}
