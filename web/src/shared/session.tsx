import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { ApiError, api, get, type Session, setCsrfToken } from './api.js';
import { dropAllDrafts } from './drafts.js';

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function useSessionQuery() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        const session = await get<Session>('/api/v1/auth/session');
        setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    refetchInterval: false,
    staleTime: 60_000,
  });
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/**
 * Signs out (of every browser and device, with `everywhere`), forgets everything cached, and lands
 * on the sign-in page at `to`.
 */
export function useSignOut(to: string, options: { everywhere?: boolean } = {}) {
  const client = useQueryClient();
  return async () => {
    await api('POST', options.everywhere ? '/api/v1/auth/sign-out-everywhere' : '/api/v1/auth/sign-out');
    setCsrfToken(null);
    client.clear();
    dropAllDrafts();
    window.location.assign(to);
  };
}

/** Sign out here, or everywhere: every session of this person, in every browser and device. */
export function SignOutButtons({ to }: { to: string }) {
  const signOut = useSignOut(to);
  const signOutEverywhere = useSignOut(to, { everywhere: true });
  return (
    <>
      <button type="button" className="link" onClick={signOut}>
        Sign out
      </button>
      <button
        type="button"
        className="link small signout-everywhere"
        onClick={signOutEverywhere}
        aria-label="Sign out everywhere"
        title="Ends your sessions in every browser and device"
      >
        everywhere
      </button>
    </>
  );
}
