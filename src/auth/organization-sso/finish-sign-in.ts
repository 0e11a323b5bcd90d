import { recordEvent } from '../../audit/index.js';
import { type Deps, inTransaction } from '../../deps.js';
import {
  type ContactRow,
  createContact,
  findAgentByEmail,
  findContactByEmail,
  findContactById,
  isUuid,
  organizationOfAddress,
  updateContact,
} from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { SystemActor } from '../actor.js';
import { checkOidcCallback, type Seen } from '../oidc/attempt.js';
import { nameOf, refusedCallback } from '../oidc/callback-failure.js';
import { type NewSession, type SessionClient, startSession } from '../sessions.js';
import { reasonOf } from '../single-sign-on/sign-in-agent.js';
import { organizationCallbackUrl, organizationProvider } from './provider.js';
import { findOrganizationSso, findSsoLink, insertSsoLink, touchSsoLink } from './sso-store.js';

/** Who writes what an organization's sign-in does by itself: contacts created or filed, refusals. */
const ORGANIZATION_SIGN_IN: SystemActor = { kind: 'system', name: 'Organization single sign-on' };

// An organization's provider is its admins' to run, so the desk believes it about that organization's
// people only: the contact it linked before, a contact of the organization with the address (when
// the provider says the address is verified), or someone new at one of the organization's own mail
// domains. An address of an agent, of another organization's contact or at anyone else's domain is
// refused and audited: that is what a provider claiming other people's addresses looks like.

const refused = (message: string, reason: string) => new AppError('SSO_IDENTITY_REFUSED', message, { reason });

interface OrganizationSeen extends Seen {
  contactId?: string;
}

/**
 * Completes a contact's sign-in when their organization's provider sends the browser back to this
 * organization's callback: the attempt (taken once, and started for this organization), the code
 * exchanged with state, nonce and PKCE checked, the contact found or made, a portal session.
 */
export async function finishOrganizationSignIn(
  deps: Deps,
  organizationId: string,
  input: { attemptSecret: string | undefined; query: string; client?: SessionClient },
): Promise<{ session: NewSession; returnTo: string; contact: ContactRow }> {
  const seen: OrganizationSeen = { issuer: '' };
  try {
    return await completeSignIn(deps, organizationId, input, seen);
  } catch (err) {
    throw await refusedCallback(deps, err, seen, async (failure, { contactId, ...audited }) => {
      try {
        await recordEvent(deps.db, {
          actor: ORGANIZATION_SIGN_IN,
          at: deps.clock.now(),
          action: 'contact.sign-in-failed',
          entityType: contactId ? 'contact' : 'organization',
          entityId: contactId ?? organizationId,
          data: { method: 'oidc', organizationId, code: failure.code, reason: reasonOf(failure), ...audited },
        });
      } catch (auditError) {
        deps.log.error({ err: auditError }, 'a refused organization sign-in could not be written to the audit trail');
      }
    });
  }
}

async function completeSignIn(
  deps: Deps,
  organizationId: string,
  input: { attemptSecret: string | undefined; query: string; client?: SessionClient },
  seen: OrganizationSeen,
) {
  const sso = isUuid(organizationId) ? await findOrganizationSso(deps.db, organizationId) : undefined;
  if (sso) seen.issuer = sso.issuer;
  const { attempt, issuer, subject, claims, email } = await checkOidcCallback(
    deps,
    {
      attemptSecret: input.attemptSecret,
      query: input.query,
      redirectUri: organizationCallbackUrl(deps, organizationId),
      organizationId: isUuid(organizationId) ? organizationId : 'none',
      configuration: async () => {
        if (!sso) throw new AppError('SSO_NOT_CONFIGURED', 'This organization has no company sign-in here.');
        return organizationProvider(deps, sso);
      },
      wanted: ['email', 'email_verified'],
    },
    seen,
  );
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const key = { organizationId, issuer, subject };
    const link = await findSsoLink(tx.db, key);
    let contact: ContactRow | undefined;
    if (link) {
      contact = await findContactById(tx.db, link.contactId);
      if (contact) seen.contactId = contact.id;
      // a lead may have moved them to another organization since: this one's provider no longer speaks for them
      if (contact?.organizationId !== organizationId) {
        throw refused(
          'Your account is no longer one of this organization’s.',
          'the linked contact left the organization',
        );
      }
      await touchSsoLink(tx.db, key, { email: email ?? link.email, at: now });
    } else {
      if (!email) {
        throw new AppError('SSO_EMAIL_UNVERIFIED', 'The identity provider did not share your email address.', {
          reason: 'no email claim in the ID token or userinfo',
        });
      }
      // the address decides who this is, so the provider must vouch for it
      if (claims.email_verified !== true) {
        throw new AppError(
          'SSO_EMAIL_UNVERIFIED',
          'Your company sign-in does not confirm your email address; verify it there first.',
          { reason: `email_verified is ${JSON.stringify(claims.email_verified ?? null)}, not true` },
        );
      }
      contact = await contactFor(tx, organizationId, email, claims, seen);
      if (await findSsoLink(tx.db, { organizationId, issuer, contactId: contact.id })) {
        throw new AppError(
          'SSO_ACCOUNT_CONFLICT',
          'Your email address belongs to someone who signs in with another account at your company sign-in.',
          { reason: `the contact ${email} is linked to another subject at this issuer` },
        );
      }
      await insertSsoLink(tx.db, { ...key, contactId: contact.id, email, createdAt: now, lastSignInAt: now });
    }
    const session = await startSession(tx, { contactId: contact.id }, 'sso', input.client, {
      issuer,
      subject,
      organizationId,
    });
    const returnTo = attempt.returnTo.startsWith('/portal') ? attempt.returnTo : '/portal';
    return { session, returnTo, contact };
  });
}

/** The first sign-in of this account: the contact the verified address names, if the organization may speak for them. */
async function contactFor(
  deps: Deps,
  organizationId: string,
  email: string,
  claims: Record<string, unknown>,
  seen: OrganizationSeen,
): Promise<ContactRow> {
  if (await findAgentByEmail(deps.db, email)) {
    throw refused('This address cannot sign in to the portal with your company sign-in.', `${email} is an agent's`);
  }
  const owner = await organizationOfAddress(deps.db, email);
  const atOwnDomain = owner?.id === organizationId;
  const existing = await findContactByEmail(deps.db, email);
  if (existing) {
    seen.contactId = existing.id;
    if (existing.organizationId === organizationId) return existing;
    if (existing.organizationId === null && atOwnDomain) {
      // someone who wrote in before anyone filed them: at the organization's own domain, they are its people
      await updateContact(deps, ORGANIZATION_SIGN_IN, existing.id, { organizationId });
      return { ...existing, organizationId };
    }
    throw refused(
      'This address cannot sign in to the portal with your company sign-in.',
      existing.organizationId
        ? `${email} is a contact of another organization (${existing.organizationId})`
        : `${email} is a contact outside any organization, at a domain this organization does not own`,
    );
  }
  if (!atOwnDomain) {
    throw refused(
      'This address cannot sign in to the portal with your company sign-in.',
      owner
        ? `${email} is at a domain of another organization (${owner.id})`
        : `${email} is not at a domain this organization owns`,
    );
  }
  // new people at the organization's domains are its people: they see what its contacts see, but
  // open tickets for it (a named support contact) only when its admins say so
  const created = await createContact(deps, ORGANIZATION_SIGN_IN, {
    email,
    name: nameOf(claims, email),
    organizationId,
    supportContact: false,
  });
  const contact = await findContactById(deps.db, created.id);
  if (!contact) throw new AppError('INTERNAL', 'The new contact vanished.');
  seen.contactId = contact.id;
  return contact;
}
