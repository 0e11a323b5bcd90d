import { randomBytes } from 'node:crypto';
import { recordEvent } from '../audit/index.js';
import { type Deps, inTransaction } from '../deps.js';
import { queueMail } from '../mail/outbox.js';
import {
  type AgentRow,
  findAgentByEmail,
  findAgentById,
  findContactByEmail,
  findContactById,
  presentAgent,
  updateAgentRow,
} from '../people/index.js';
import { DAY_MS, MINUTE_MS } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { hashSecret, newSecret } from '../platform/secrets.js';
import { accessChanged } from './access.js';
import { type Actor, agentAsActor, requireAgent, SYSTEM } from './actor.js';
import {
  deletePendingSignInLinksOfContact,
  deleteSession,
  deleteSessionsOfAgent,
  deleteSessionsOfContact,
  insertSession,
  insertSignInLink,
  useSignInLink,
} from './auth-store.js';
import { credentialCache, sessionCacheKey } from './authenticate.js';
import {
  companySignInInsteadOfLink,
  mailCompanySignIn,
  refuseLinkWhenSsoRequired,
} from './organization-sso/portal-sign-in.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { hasSingleSignOn } from './single-sign-on/has-single-sign-on.js';
import { isTwoFactorRequired } from './two-factor/policy.js';
import { secondFactorFor } from './two-factor/second-factor-for.js';
import { deleteChallengesOfAgent } from './two-factor/two-factor-store.js';

export interface NewSession {
  /** the cookie value; only its hash is stored */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Where a sign-in came from, kept with the session so the person can tell their sessions apart. */
export interface SessionClient {
  /** the client's address (behind TRUST_PROXY's proxies, the one they saw) */
  ip: string | null;
  userAgent: string | null;
}

/** The agent a session is for, as the caller has read them (the sign-in audit names them). */
export type SessionAgent = Pick<AgentRow, 'id' | 'role' | 'name'>;

/**
 * A browser session for an agent or contact whose sign-in succeeded; the caller sets the cookie. Every
 * sign-in passes here, so here it goes to the audit log (`signedIn` adds what the caller knows: the
 * second factor used, the provider's subject).
 */
export async function startSession(
  deps: Deps,
  subject: { agent: SessionAgent } | { contactId: string },
  /** 'sso': the identity provider checked the person (and its own second factor); the desk's 2FA rule does not hold it */
  via: 'password' | 'link' | 'sso' | 'passkey' = 'password',
  client?: SessionClient,
  signedIn: Record<string, unknown> = {},
): Promise<NewSession> {
  const secret = newSecret('pfs');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * DAY_MS);
  await insertSession(deps.db, {
    idHash: hashSecret(secret),
    agentId: 'agent' in subject ? subject.agent.id : null,
    contactId: 'contactId' in subject ? subject.contactId : null,
    csrfToken,
    via,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: client?.ip ?? null,
    userAgent: client?.userAgent?.slice(0, 300) ?? null,
  });
  await recordSignIn(deps, subject, now, { method: via === 'sso' ? 'oidc' : via, ip: client?.ip ?? null, ...signedIn });
  return { secret, csrfToken, expiresAt };
}

async function recordSignIn(
  deps: Deps,
  subject: { agent: SessionAgent } | { contactId: string },
  at: Date,
  data: Record<string, unknown>,
) {
  if ('agent' in subject) {
    const { agent } = subject;
    await recordEvent(deps.db, {
      actor: agentAsActor(agent),
      at,
      action: 'agent.signed-in',
      entityType: 'agent',
      entityId: agent.id,
      data,
    });
    return;
  }
  const contact = await findContactById(deps.db, subject.contactId);
  if (!contact) return;
  await recordEvent(deps.db, {
    actor: SYSTEM,
    at,
    action: 'contact.signed-in',
    entityType: 'contact',
    entityId: contact.id,
    data: { email: contact.email, ...data },
  });
}

/** Email + password sign-in for agents. The same answer for an unknown email and a wrong password. */
export async function signIn(deps: Deps, input: { email: string; password: string }, client?: SessionClient) {
  // PASSWORD_SIGN_IN=false: agents sign in with single sign-on; one-time sign-in links still work
  if (!deps.config.passwordSignIn) {
    throw new AppError('PASSWORD_SIGN_IN_OFF', 'Password sign-in is turned off here: use single sign-on.');
  }
  const agent = await findAgentByEmail(deps.db, input.email);
  if (!agent?.passwordHash || !agent.active) {
    await verifyAgainstDummy(input.password);
    throw new AppError('SIGN_IN_FAILED', 'That email and password do not match an active agent.');
  }
  if (!(await verifyPassword(agent.passwordHash, input.password))) {
    // an agent's account was tried: the audit log shows it (unknown addresses are only rate limited)
    await recordEvent(deps.db, {
      actor: SYSTEM,
      at: deps.clock.now(),
      action: 'agent.sign-in-failed',
      entityType: 'agent',
      entityId: agent.id,
      data: { method: 'password', reason: 'wrong password', ip: client?.ip ?? null },
    });
    throw new AppError('SIGN_IN_FAILED', 'That email and password do not match an active agent.');
  }
  // an agent with an authenticator gets the second step (two-factor/), not a session
  const twoFactor = await secondFactorFor(deps, agent.id);
  if (twoFactor) return { twoFactor, agent: presentAgent(agent) };
  const session = await startSession(deps, { agent }, 'password', client);
  // no second factor (secondFactorFor said so): held to enrolment exactly where the desk requires one
  return { session, agent: presentAgent(agent), enrolmentRequired: await isTwoFactorRequired(deps) };
}

export async function signOut(deps: Deps, secret: string) {
  const hash = hashSecret(secret);
  const session = await deleteSession(deps.db, hash);
  credentialCache.delete(sessionCacheKey(hash));
  // the person's open streams check whether theirs was the session that ended
  if (session?.agentId) await accessChanged(deps, { agentId: session.agentId });
  if (session?.contactId) await accessChanged(deps, { contactId: session.contactId });
}

/** Ends every session of the caller, agent or contact (and a contact's unused sign-in links). */
export async function signOutEverywhere(deps: Deps, actor: Actor) {
  if (actor.kind === 'contact') return endContactSessions(deps, actor, actor.contactId, { requireLead: false });
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw new AppError('FORBIDDEN', 'A token for a role has no sessions; revoke the token instead.');
  }
  const agentId = actor.agentId;
  await inTransaction(deps, async (tx) => {
    await endAgentSessions(tx, agentId);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'agent.signed-out-everywhere',
      entityType: 'agent',
      entityId: agentId,
    });
  });
}

/**
 * Ends an agent's sessions, all or all but the one given: when they sign out everywhere, change
 * their password or are deactivated. Their API tokens are the admin's to revoke.
 */
export async function endAgentSessions(deps: Deps, agentId: string, except?: { sessionSecret: string }) {
  await deleteSessionsOfAgent(deps.db, agentId, except ? hashSecret(except.sessionSecret) : undefined);
  // and sign-ins halfway, waiting for their second step
  await deleteChallengesOfAgent(deps.db, agentId);
  await accessChanged(deps, { agentId });
}

/**
 * Ends a contact's sessions and cancels their unused sign-in links: a lead's decision (a lost
 * laptop, a person who left), the contact's own, or a changed email address.
 */
export async function endContactSessions(
  deps: Deps,
  actor: Actor,
  contactId: string,
  options: { requireLead: boolean } = { requireLead: true },
) {
  if (options.requireLead) requireAgent(actor, 'lead');
  await inTransaction(deps, async (tx) => {
    const contact = await findContactById(tx.db, contactId);
    if (!contact) throw new AppError('CONTACT_NOT_FOUND', `No contact ${contactId}.`);
    await deleteSessionsOfContact(tx.db, contactId);
    await deletePendingSignInLinksOfContact(tx.db, contactId);
    await accessChanged(tx, { contactId });
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'contact.sessions-ended',
      entityType: 'contact',
      entityId: contactId,
    });
  });
}

export const AGENT_LINK_MINUTES = 24 * 60;

/** A one-time sign-in link for an agent (printed by `pipefitter admin create`, or sent on invitation). */
export async function createAgentSignInLink(deps: Deps, agentId: string): Promise<{ url: string; expiresAt: Date }> {
  const secret = newSecret('pfl');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + AGENT_LINK_MINUTES * MINUTE_MS);
  await insertSignInLink(deps.db, { tokenHash: hashSecret(secret), agentId, createdAt: now, expiresAt });
  return { url: `${deps.config.publicUrl}/auth/link?token=${secret}`, expiresAt };
}

/**
 * A one-time portal sign-in link for a contact, printed by `pipefitter contact link` so a newcomer
 * can try the portal before mail is set up. The operator hands it over, so it lives as long as an
 * agent's does.
 */
export async function createContactSignInLink(
  deps: Deps,
  contactId: string,
): Promise<{ url: string; expiresAt: Date }> {
  const secret = newSecret('pfl');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + AGENT_LINK_MINUTES * MINUTE_MS);
  await insertSignInLink(deps.db, { tokenHash: hashSecret(secret), contactId, createdAt: now, expiresAt });
  return { url: `${deps.config.publicUrl}/auth/link?token=${secret}`, expiresAt };
}

/**
 * A customer asks for a sign-in link. The answer never says whether the address is known; the mail
 * goes only to a known contact.
 */
export async function requestContactSignInLink(deps: Deps, email: string): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const contact = await findContactByEmail(tx.db, email);
    // an organization that requires its own sign-in gets no links: refused at its domains, and a
    // contact of it elsewhere is mailed where to sign in instead (organization-sso/)
    const companySignIn = await companySignInInsteadOfLink(tx, email, contact);
    if (!contact) return;
    if (companySignIn) return mailCompanySignIn(tx, contact, companySignIn);
    const secret = newSecret('pfl');
    const now = tx.clock.now();
    const expiresAt = new Date(now.getTime() + tx.config.signInLinkMinutes * MINUTE_MS);
    await insertSignInLink(tx.db, { tokenHash: hashSecret(secret), contactId: contact.id, createdAt: now, expiresAt });
    const url = `${tx.config.publicUrl}/auth/link?token=${secret}`;
    await queueMail(tx, {
      purpose: 'sign-in-link',
      automatic: 'auto-generated',
      // asked for just now: a bounce, forged or not, must not lock the customer out
      askedFor: true,
      to: [contact.email],
      subject: 'Your sign-in link',
      text: [
        `Hello${contact.name ? ` ${contact.name}` : ''},`,
        '',
        `Open this link to see your support tickets. It works once, for ${tx.config.signInLinkMinutes} minutes:`,
        url,
        '',
        'If you did not ask for it, ignore this mail.',
      ].join('\n'),
    });
  });
}

/** Exchanges a one-time link for a session. */
export async function redeemSignInLink(deps: Deps, token: string, client?: SessionClient) {
  return inTransaction(deps, async (tx) => {
    const link = await useSignInLink(tx.db, hashSecret(token), tx.clock.now());
    if (!link)
      throw new AppError(
        'SIGN_IN_LINK_INVALID',
        'This sign-in link was used already or has expired; ask for a new one.',
      );
    if (link.agentId) {
      const agent = await findAgentById(tx.db, link.agentId);
      if (!agent?.active) throw new AppError('SIGN_IN_LINK_INVALID', 'This agent account is not active.');
      // a link is one factor: it must not skip the second
      const twoFactor = await secondFactorFor(tx, agent.id);
      if (twoFactor) return { twoFactor, kind: 'agent' as const };
      return { session: await startSession(tx, { agent }, 'link', client), kind: 'agent' as const };
    }
    await refuseLinkWhenSsoRequired(tx, link.contactId as string);
    return {
      session: await startSession(tx, { contactId: link.contactId as string }, 'link', client),
      kind: 'contact' as const,
    };
  });
}

/**
 * Sets an agent's password; the current one is needed once a password exists. Every other session
 * of the agent ends: whoever knew the old password is signed out.
 */
export async function setPassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword?: string | undefined; newPassword: string },
  currentSession?: { sessionSecret: string },
) {
  if (actor.kind !== 'agent' || !actor.agentId)
    throw new AppError('FORBIDDEN', 'Only an agent signed in as themselves can set a password.');
  const agentId = actor.agentId;
  const agent = await findAgentById(deps.db, agentId);
  if (!agent) throw new AppError('AGENT_NOT_FOUND', 'Your agent account no longer exists.');
  // with single sign-on the provider proves who people are: a password set here would be a way in
  // around it (and its second factor) that outlives the person's removal there
  if (!deps.config.passwordSignIn || (!agent.passwordHash && (await hasSingleSignOn(deps.db, agentId)))) {
    throw new AppError('PASSWORD_SIGN_IN_OFF', 'You sign in with single sign-on; the desk keeps no password for you.');
  }
  if (agent.passwordHash) {
    if (!input.currentPassword || !(await verifyPassword(agent.passwordHash, input.currentPassword))) {
      throw new AppError('SIGN_IN_FAILED', 'The current password is wrong.');
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    await updateAgentRow(tx.db, agentId, { passwordHash, updatedAt: now });
    await endAgentSessions(tx, agentId, currentSession);
    await recordEvent(tx.db, { actor, at: now, action: 'agent.password-set', entityType: 'agent', entityId: agentId });
  });
}
