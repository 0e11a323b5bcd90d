import { useIsFetching, useQuery } from '@tanstack/react-query';
import { type FormEvent, Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { get, type Page, type Ticket } from '../shared/api.js';
import { viewerZone } from '../shared/format.js';
import { LiveUpdates } from '../shared/live.js';
import { SignOutButtons, useSession } from '../shared/session.js';
import { Loading } from '../shared/ui.js';
import { MenuButton, useFoldingMenu } from './folding-menu.js';
import { MailBanner } from './mail-banner.js';
import { NOTIFICATION_COUNT_KEY, NotificationBell } from './notification-bell.js';
import { useSavedViews } from './refine.js';
import { VIEWS } from './views.js';

/**
 * Side-bar counts wait for the page's own data (the ticket list, the ticket): that is what the agent
 * came for, and the embedded database answers one query at a time. The page's queries start in its
 * effects, which run before this one, so after the first commit anything still to come is in flight.
 */
const SIDE_BAR = new Set(['count', 'sla-next', 'views', NOTIFICATION_COUNT_KEY]);

function useListSettled(): boolean {
  const [committed, setCommitted] = useState(false);
  useEffect(() => setCommitted(true), []);
  const pageFetching = useIsFetching({ predicate: (q) => !SIDE_BAR.has(q.queryKey[0] as string) });
  return committed && pageFetching === 0;
}

function Count({ query }: { query: string }) {
  const settled = useListSettled();
  const count = useQuery({
    queryKey: ['count', query],
    enabled: settled,
    queryFn: () => get<{ count: number }>(`/api/v1/tickets/count${query ? `?${query}` : ''}`),
    refetchInterval: 30_000,
  });
  return <span className="count">{count.data?.count ?? ''}</span>;
}

export function AgentLayout() {
  const session = useSession();
  const navigate = useNavigate();
  const settled = useListSettled();
  const breaching = useQuery({
    queryKey: ['sla-next'],
    enabled: settled,
    queryFn: () => get<Page<Ticket>>('/api/v1/sla/next?limit=50'),
    refetchInterval: 30_000,
  });
  const saved = useSavedViews(settled);
  const menu = useFoldingMenu();

  // "/" jumps to search from anywhere but a text field
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        event.preventDefault();
        document.getElementById('search-box')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  }

  const next = breaching.data?.items ?? [];
  const soonCount = next.filter(
    (t) => t.slaDueAt && new Date(t.slaDueAt).getTime() - Date.now() < 2 * 3_600_000,
  ).length;
  // the side bar reads the first 50 clocks due: when all of them are due soon there may be more
  const soon = soonCount >= 50 ? '50+' : soonCount;

  return (
    <div className="shell">
      {/* keyboard users go past the header and the menu in one step */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href="/">
          Pipefitter
        </a>
        <MenuButton menu={menu} />
        <form aria-label="Search tickets" onSubmit={search}>
          <label className="visually-hidden" htmlFor="search-box">
            Search tickets
          </label>
          <input id="search-box" name="q" type="search" placeholder="Search tickets (press /)" />
        </form>
        <NotificationBell enabled={settled} />
        <span className="muted who">
          <NavLink to="/account" title="Your password and two-factor sign-in">
            {session.actor.name}
          </NavLink>{' '}
          · {session.actor.role} · times in {viewerZone}
        </span>
        <SignOutButtons to="/" />
      </header>
      <nav className="side" aria-label="Views" id="side-menu" data-open={menu.open}>
        <NavLink className="button new-ticket-button" to="/tickets/new">
          New ticket
        </NavLink>
        <ul>
          {VIEWS.slice(0, 2).map((v) => (
            <li key={v.id}>
              <NavLink to={`/views/${v.id}`}>
                {v.name} {!v.uncounted && <Count query={v.query} />}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/views/breaching">
              Breaching soon <span className="count">{breaching.data ? soon : ''}</span>
            </NavLink>
          </li>
          {VIEWS.slice(2).map((v) => (
            <li key={v.id}>
              <NavLink to={`/views/${v.id}`}>
                {v.name} {!v.uncounted && <Count query={v.query} />}
              </NavLink>
            </li>
          ))}
        </ul>
        {saved.data && saved.data.items.length > 0 && (
          <>
            <h2>Saved views</h2>
            <ul>
              {saved.data.items.map((v) => (
                <li key={v.id}>
                  <NavLink to={`/views/saved-${v.id}`}>{v.name}</NavLink>
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>Team</h2>
        <ul>
          <li>
            <NavLink to="/calls">Calls</NavLink>
          </li>
          <li>
            <NavLink to="/macros">Macros</NavLink>
          </li>
          <li>
            <NavLink to="/coverage">Coverage</NavLink>
          </li>
          <li>
            <NavLink to="/where-to-hire">Where to hire</NavLink>
          </li>
          <li>
            <NavLink to="/reports">Reports</NavLink>
          </li>
          <li>
            <NavLink to="/oncall">On call</NavLink>
          </li>
          <li>
            <NavLink to="/admin/roster">Agents and roster</NavLink>
          </li>
          <li>
            <NavLink to="/admin/sla">SLA policies</NavLink>
          </li>
          <li>
            <NavLink to="/admin/call-types">Call types</NavLink>
          </li>
          <li>
            <NavLink to="/admin/forges">Forges and demand</NavLink>
          </li>
        </ul>
        {session.actor.role === 'admin' && (
          <>
            <h2>Admin</h2>
            <ul>
              <li>
                <NavLink to="/admin/fields">Ticket fields</NavLink>
              </li>
              <li>
                <NavLink to="/admin/tokens">API tokens</NavLink>
              </li>
              <li>
                <NavLink to="/admin/mail">Mail and mailboxes</NavLink>
              </li>
              <li>
                <NavLink to="/admin/quarantine">Mail quarantine</NavLink>
              </li>
              <li>
                <NavLink to="/admin/security">Security and audit log</NavLink>
              </li>
            </ul>
          </>
        )}
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <MailBanner />
        <LiveUpdates selfId={session.actor.agentId ?? null}>
          <Suspense fallback={<Loading what="the page" />}>
            <Outlet />
          </Suspense>
        </LiveUpdates>
      </main>
    </div>
  );
}
