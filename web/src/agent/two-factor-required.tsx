import { useQueryClient } from '@tanstack/react-query';
import { SignOutButtons } from '../shared/session.js';
import { PasskeySettings } from './passkey-settings.js';
import { TwoFactorSettings } from './two-factor-settings.js';

/**
 * What an agent without a second factor sees while the desk requires one: its setup, instead of the
 * inbox (the API answers everything else with TWO_FACTOR_ENROLMENT_REQUIRED until it is done).
 */
export function TwoFactorRequiredPage() {
  const client = useQueryClient();
  return (
    <main className="page stack" aria-labelledby="two-factor-required-title">
      <h1 id="two-factor-required-title">Set up two-factor sign-in</h1>
      <p>
        This desk requires a second factor for every agent. Set up an authenticator app on your phone, or add a passkey,
        to continue to your tickets.
      </p>
      <TwoFactorSettings onDone={() => client.invalidateQueries({ queryKey: ['session'] })} />
      <PasskeySettings onAdded={() => client.invalidateQueries({ queryKey: ['session'] })} />
      <p>
        <SignOutButtons to="/" />
      </p>
    </main>
  );
}
