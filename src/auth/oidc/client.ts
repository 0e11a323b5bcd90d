import * as oidc from 'openid-client';
import type { OidcSettings } from '../../config.js';
import { AppError } from '../../platform/errors.js';

// The desk's side of OpenID Connect is openid-client: discovery, the authorization URL, and the code
// exchange with every check (state, nonce, PKCE, issuer, audience, expiry). The provider's metadata
// is discovered at the first sign-in, not at start, so a provider that is down never stops the desk;
// a failed discovery is tried again at the next sign-in.

export interface OidcProvider {
  settings: OidcSettings;
  configuration(): Promise<oidc.Configuration>;
}

export function connectOidcProvider(settings: OidcSettings): OidcProvider {
  let pending: Promise<oidc.Configuration> | undefined;
  return {
    settings,
    configuration() {
      pending ??= discoverOidc(settings).catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
      return pending;
    },
  };
}

/** The provider's metadata and the desk's client there; SSO_UNAVAILABLE when it cannot be discovered. */
export async function discoverOidc(settings: {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
}): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  try {
    return await oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      // client_secret_basic is the default every provider supports; without a secret, a public client (PKCE only)
      settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
      {
        timeout: 10,
        // the settings allow http only for a provider on this machine (development, tests)
        ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
  } catch (err) {
    throw new AppError('SSO_UNAVAILABLE', 'The identity provider could not be reached; try again in a moment.', {
      reason: `discovery of ${settings.issuer} failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

/** The scopes asked for: who the person is, their email and name, and the group claim when it is a scope of its own. */
export function scopesFor(configuration: oidc.Configuration, roleClaim: string): string {
  const scopes = ['openid', 'email', 'profile'];
  if (configuration.serverMetadata().scopes_supported?.includes(roleClaim)) scopes.push(roleClaim);
  return scopes.join(' ');
}
