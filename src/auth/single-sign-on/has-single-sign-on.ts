import type { Db } from '../../platform/db.js';
import { hasOidcLink } from '../oidc/oidc-store.js';
import { hasSamlLink } from '../saml/saml-store.js';

/**
 * Whether the agent signs in with single sign-on (OpenID Connect or SAML): the provider proves who
 * they are, so the desk keeps no password for them (none set, none reset).
 */
export async function hasSingleSignOn(db: Db, agentId: string): Promise<boolean> {
  return (await hasOidcLink(db, agentId)) || (await hasSamlLink(db, agentId));
}
