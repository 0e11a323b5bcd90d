import type { Deps } from '../deps.js';
import { countRecentMailTo } from '../mail/mail-store.js';
import { queueMail } from '../mail/outbox.js';
import { DAY_MS } from '../platform/clock.js';
import { requiredSignInOf } from './organization-sso/portal-sign-in.js';
import { createContactSignInLink } from './sessions.js';

/**
 * Welcomes a newly named support contact with a one-time portal sign-in link, in the caller's
 * transaction. Nobody asked for it just now, so it lives as long as an operator's link (a day) and,
 * like every automatic mail, skips an address that bounced before.
 */
export async function mailContactWelcome(
  deps: Deps,
  contact: { id: string; email: string; name: string | null },
  organization: { id: string; name: string },
  /** who named them, when a person did (null: the organization's contact list, synced from its file) */
  addedBy: string | null,
): Promise<void> {
  const now = deps.clock.now();
  // named, removed and named again: one welcome a day, so an admin's clicks do not become a mail stream
  if ((await countRecentMailTo(deps.db, contact.email, 'contact-welcome', new Date(now.getTime() - DAY_MS))) > 0)
    return;
  // an organization that requires its own sign-in gets no links: the welcome says where to sign in
  const companySignIn = await requiredSignInOf(deps, organization.id);
  let signIn: string[];
  if (companySignIn) {
    signIn = [`Sign in to the portal with ${companySignIn.name}'s company sign-in:`, companySignIn.url];
  } else {
    const link = await createContactSignInLink(deps, contact.id);
    signIn = [
      'Open this link to sign in to the portal. It works once, for 24 hours:',
      link.url,
      '',
      `Later, ask for a new link at ${deps.config.publicUrl}/portal.`,
    ];
  }
  await queueMail(deps, {
    purpose: 'contact-welcome',
    automatic: 'auto-generated',
    to: [contact.email],
    subject: `You are a named support contact of ${organization.name}`,
    text: [
      `Hello${contact.name ? ` ${contact.name}` : ''},`,
      '',
      `${addedBy ? `${addedBy} made you` : 'You are now'} a named support contact of ${organization.name}: you may open`,
      `support tickets for ${organization.name} by mail to ${deps.config.supportAddress} or in the support portal.`,
      '',
      ...signIn,
    ].join('\n'),
  });
}
