import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ForgesPage } from './admin/forges.js';
import { QuarantinePage } from './admin/quarantine.js';
import { RosterPage } from './admin/roster.js';
import { SlaPoliciesPage } from './admin/sla-policies.js';
import { TokensPage } from './admin/tokens.js';
import { CoveragePage } from './agent/coverage.js';
import { AgentLayout } from './agent/layout.js';
import { SearchPage } from './agent/search.js';
import { SignIn } from './agent/sign-in.js';
import { TicketList } from './agent/ticket-list.js';
import { TicketPage } from './agent/ticket-page.js';
import { PortalLayout } from './portal/layout.js';
import { PortalNewTicket } from './portal/new-ticket.js';
import { PortalSignIn } from './portal/sign-in.js';
import { PortalTicket } from './portal/ticket.js';
import { PortalTickets } from './portal/tickets.js';
import { SessionProvider, useSessionQuery } from './shared/session.js';
import { ErrorText, Loading } from './shared/ui.js';

export function App() {
  const location = useLocation();
  const session = useSessionQuery();
  const portal = location.pathname.startsWith('/portal');
  if (session.isPending) return <Loading what="the desk" />;
  if (session.isError) return <ErrorText error={session.error} />;
  const actor = session.data?.actor;

  if (portal) {
    if (actor?.kind !== 'contact') {
      return (
        <Routes>
          <Route path="*" element={<PortalSignIn agentSignedIn={actor?.kind === 'agent'} />} />
        </Routes>
      );
    }
    return (
      <SessionProvider session={session.data as NonNullable<typeof session.data>}>
        <Routes>
          <Route path="/portal" element={<PortalLayout />}>
            <Route index element={<PortalTickets />} />
            <Route path="new" element={<PortalNewTicket />} />
            <Route path="tickets/:number" element={<PortalTicket />} />
          </Route>
          <Route path="*" element={<Navigate to="/portal" replace />} />
        </Routes>
      </SessionProvider>
    );
  }

  if (!actor) return <SignIn />;
  if (actor.kind === 'contact') return <Navigate to="/portal" replace />;
  return (
    <SessionProvider session={session.data as NonNullable<typeof session.data>}>
      <Routes>
        <Route path="/" element={<AgentLayout />}>
          <Route index element={<Navigate to="/views/mine" replace />} />
          <Route path="views/:view" element={<TicketList />} />
          <Route path="tickets/:number" element={<TicketPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="coverage" element={<CoveragePage />} />
          <Route path="admin/roster" element={<RosterPage />} />
          <Route path="admin/sla" element={<SlaPoliciesPage />} />
          <Route path="admin/forges" element={<ForgesPage />} />
          <Route path="admin/tokens" element={<TokensPage />} />
          <Route path="admin/quarantine" element={<QuarantinePage />} />
          <Route path="*" element={<p className="page">There is no such page in the desk.</p>} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
