import { useLocation } from 'react-router';
import type { ResponseOf } from '../shared/api.js';

// The portal's side of an organization's own sign-in: the offer made once the address's domain
// names an organization that has one (only it, when the organization requires it), and what went
// wrong when its provider sent the browser back without a session (/portal?sso_error=CODE).

export type CompanySignIn = NonNullable<ResponseOf<'/api/v1/auth/sign-in-options', 'post'>['companySignIn']>;

const PROBLEMS: Record<string, string> = {
  SSO_FAILED: 'Your company sign-in did not complete. Please try again.',
  SSO_REFUSED: 'Your company sign-in did not let you in.',
  SSO_EMAIL_UNVERIFIED: 'Your company sign-in did not confirm your email address. Verify it there, then try again.',
  SSO_IDENTITY_REFUSED:
    'Your company sign-in cannot sign you in with this address here. Ask your company’s administrator, or us.',
  SSO_ACCOUNT_CONFLICT:
    'Your email address belongs to someone who signs in with another account at your company sign-in.',
  SSO_UNAVAILABLE: 'Your company sign-in cannot be reached right now. Try again in a moment.',
  SSO_NOT_CONFIGURED: 'This company sign-in is not set up here any more: sign in by email.',
};

export function CompanySignInProblem() {
  const problem = new URLSearchParams(useLocation().search).get('sso_error');
  if (!problem) return null;
  return (
    <p className="error" role="alert">
      {PROBLEMS[problem] ?? PROBLEMS.SSO_FAILED}
    </p>
  );
}

export function CompanySignInOffer({ signIn, onEmailLink }: { signIn: CompanySignIn; onEmailLink: () => void }) {
  return (
    <>
      <p>
        {signIn.required
          ? `${signIn.name} signs in with its company sign-in.`
          : `${signIn.name} has a company sign-in. You can use it, or have a link emailed to you.`}
      </p>
      <p>
        <a className="button" href={`/auth/organization-sso/${signIn.organizationId}`}>
          Continue with {signIn.name}’s sign-in
        </a>
      </p>
      {!signIn.required && (
        <button type="button" className="secondary" onClick={onEmailLink}>
          Email me a sign-in link instead
        </button>
      )}
    </>
  );
}
