import { Link, Outlet } from 'react-router';
import { LiveUpdates } from '../shared/live.js';
import { SignOutButtons, useSession } from '../shared/session.js';

export function PortalLayout() {
  const session = useSession();
  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link className="brand" to="/portal">
          Support
        </Link>
        {/* an organization's admins manage who may open tickets for it */}
        {session.actor.orgAdmin && <Link to="/portal/contacts">Named contacts</Link>}
        <span className="muted who">{session.actor.email ?? session.actor.name}</span>
        <SignOutButtons to="/portal" />
      </header>
      <main className="page" id="main" tabIndex={-1}>
        <LiveUpdates selfId={null}>
          <Outlet />
        </LiveUpdates>
      </main>
    </div>
  );
}
