import { Link, Outlet } from 'react-router';
import { LiveUpdates } from '../shared/live.js';
import { useSession, useSignOut } from '../shared/session.js';

export function PortalLayout() {
  const session = useSession();
  const signOut = useSignOut('/portal');
  return (
    <div className="portal">
      <header className="top">
        <Link className="brand" to="/portal">
          Support
        </Link>
        <span className="muted who">{session.actor.email ?? session.actor.name}</span>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="page" id="main">
        <LiveUpdates selfId={null}>
          <Outlet />
        </LiveUpdates>
      </main>
    </div>
  );
}
