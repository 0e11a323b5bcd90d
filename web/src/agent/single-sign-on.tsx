import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { get, type ResponseOf } from '../shared/api.js';

// Single sign-on on the agents' sign-in page: plain links to /auth/oidc and /auth/saml (the desk sends
// the browser on to the identity provider), and what went wrong when the provider sent the browser back
// without a session (/?sso_error=CODE; the audit trail keeps the details).

export type SignInMethods = ResponseOf<'/api/v1/auth/methods', 'get'>;

/** How agents sign in here; undefined until the desk has said. */
export function useSignInMethods(): SignInMethods | undefined {
  const methods = useQuery({
    queryKey: ['auth-methods'],
    queryFn: () => get<SignInMethods>('/api/v1/auth/methods'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  // a desk that cannot say still takes passwords, as it always did
  return methods.isError ? { oidc: false, saml: false, password: true } : methods.data;
}

const PROBLEMS: Record<string, string> = {
  SSO_FAILED: 'Single sign-on did not complete. Please try again.',
  SSO_REFUSED: 'The identity provider did not let you in.',
  SSO_AGENT_DEACTIVATED: 'Your agent account is deactivated. Ask an admin to reactivate it.',
  SSO_EMAIL_UNVERIFIED:
    'The identity provider did not share a verified email address for you. Verify it there, then try again.',
  SSO_ACCOUNT_CONFLICT:
    'Your email address belongs to an agent who signs in with another account at the identity provider. Ask an admin.',
  SSO_UNAVAILABLE: 'The identity provider cannot be reached right now. Try again in a moment.',
  SSO_NOT_CONFIGURED: 'Single sign-on is not set up on this desk.',
};

export function SingleSignOn({ methods }: { methods: SignInMethods | undefined }) {
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  const problem = query.get('sso_error');
  query.delete('sso_error');
  // back to the page the agent opened, once signed in
  const rest = query.toString();
  const here = `${location.pathname}${rest ? `?${rest}` : ''}`;
  const href = (start: string) => (here === '/' ? start : `${start}?returnTo=${encodeURIComponent(here)}`);
  return (
    <>
      {problem && (
        <p className="error" role="alert">
          {PROBLEMS[problem] ?? PROBLEMS.SSO_FAILED}
        </p>
      )}
      {methods?.oidc && (
        <p>
          <a className="button" href={href('/auth/oidc')}>
            Sign in with single sign-on
          </a>
        </p>
      )}
      {methods?.saml && (
        <p>
          <a className="button" href={href('/auth/saml')}>
            Sign in with SAML
          </a>
        </p>
      )}
    </>
  );
}
