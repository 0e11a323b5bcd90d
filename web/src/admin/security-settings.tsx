import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, type ResponseOf } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

type Security = ResponseOf<'/api/v1/settings/security', 'get'>;

/** The admin's sign-in policy: whether every agent must sign in with a second factor. */
export function SecuritySettings() {
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings', 'security'],
    queryFn: () => get<Security>('/api/v1/settings/security'),
  });
  const save = useMutation({
    mutationFn: (twoFactorRequired: boolean) =>
      api<Security>('PUT', '/api/v1/settings/security', { twoFactorRequired }),
    onSuccess: async (saved) => {
      client.setQueryData(['settings', 'security'], saved);
      await client.invalidateQueries({ queryKey: ['audit-events'] });
      // the admin too may now have a second factor to set up
      await client.invalidateQueries({ queryKey: ['session'] });
    },
  });
  return (
    <section aria-labelledby="security-title">
      <h2 id="security-title">Sign-in security</h2>
      <label>
        <input
          type="checkbox"
          checked={settings.data?.twoFactorRequired ?? false}
          disabled={!settings.data || save.isPending}
          onChange={(event) => save.mutate(event.target.checked)}
        />{' '}
        Require two-factor sign-in for every agent
      </label>
      <p className="muted">
        An agent without an authenticator app can only set one up until they have. API tokens are not affected.
      </p>
      <ErrorText error={settings.error ?? save.error} />
    </section>
  );
}
