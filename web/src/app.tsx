import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AgentLayout } from './agent/layout.js';
import { SearchPage } from './agent/search.js';
import { SignIn } from './agent/sign-in.js';
import { TicketList } from './agent/ticket-list.js';
import { TicketPage } from './agent/ticket-page.js';
import { TwoFactorRequiredPage } from './agent/two-factor-required.js';
import { PortalLayout } from './portal/layout.js';
import { PortalNewTicket } from './portal/new-ticket.js';
import { PortalSignIn } from './portal/sign-in.js';
import { PortalTicket } from './portal/ticket.js';
import { PortalTickets } from './portal/tickets.js';
import { RedeemLink } from './shared/redeem-link.js';
import { SessionProvider, useSessionQuery } from './shared/session.js';
import { ErrorText, Loading } from './shared/ui.js';

// pages few people open load on demand: the inbox's bundle stays small
const BundlePage = lazy(() => import('./agent/bundle-page.js').then((m) => ({ default: m.BundlePage })));
const AccountPage = lazy(() => import('./agent/account.js').then((m) => ({ default: m.AccountPage })));
const BookCallPage = lazy(() => import('./portal/book-call.js').then((m) => ({ default: m.BookCallPage })));
const CallsPage = lazy(() => import('./agent/calls.js').then((m) => ({ default: m.CallsPage })));
const SecurityPage = lazy(() => import('./admin/security.js').then((m) => ({ default: m.SecurityPage })));
const CallTypesPage = lazy(() => import('./admin/call-types.js').then((m) => ({ default: m.CallTypesPage })));
const CoveragePage = lazy(() => import('./agent/coverage.js').then((m) => ({ default: m.CoveragePage })));
const FieldsPage = lazy(() => import('./admin/fields.js').then((m) => ({ default: m.FieldsPage })));
const ForgesPage = lazy(() => import('./admin/forges.js').then((m) => ({ default: m.ForgesPage })));
const MacrosPage = lazy(() => import('./admin/macros.js').then((m) => ({ default: m.MacrosPage })));
const OnCallPage = lazy(() => import('./agent/oncall.js').then((m) => ({ default: m.OnCallPage })));
const MailPage = lazy(() => import('./admin/mail.js').then((m) => ({ default: m.MailPage })));
const NewTicketPage = lazy(() => import('./agent/new-ticket.js').then((m) => ({ default: m.NewTicketPage })));
const ReportsPage = lazy(() => import('./agent/reports.js').then((m) => ({ default: m.ReportsPage })));
const StaffingPage = lazy(() => import('./agent/staffing.js').then((m) => ({ default: m.StaffingPage })));
const RatingPage = lazy(() => import('./portal/csat.js').then((m) => ({ default: m.RatingPage })));
const PortalContacts = lazy(() => import('./portal/contacts.js').then((m) => ({ default: m.PortalContacts })));
const EntitlementLinkPage = lazy(() =>
  import('./portal/entitlement.js').then((m) => ({ default: m.EntitlementLinkPage })),
);
const ResetPassword = lazy(() => import('./agent/reset-password.js').then((m) => ({ default: m.ResetPassword })));
const OrganizationPage = lazy(() =>
  import('./agent/organization-page.js').then((m) => ({ default: m.OrganizationPage })),
);
const PersonPage = lazy(() => import('./agent/person-page.js').then((m) => ({ default: m.PersonPage })));
const NotificationsPage = lazy(() =>
  import('./agent/notifications.js').then((m) => ({ default: m.NotificationsPage })),
);
const QuarantinePage = lazy(() => import('./admin/quarantine.js').then((m) => ({ default: m.QuarantinePage })));
const RosterPage = lazy(() => import('./admin/roster.js').then((m) => ({ default: m.RosterPage })));
const SlaPoliciesPage = lazy(() => import('./admin/sla-policies.js').then((m) => ({ default: m.SlaPoliciesPage })));
const TokensPage = lazy(() => import('./admin/tokens.js').then((m) => ({ default: m.TokensPage })));

export function App() {
  const location = useLocation();
  // a mailed sign-in link: whoever is signed in now, the click decides
  if (location.pathname === '/auth/link') return <RedeemLink />;
  // a mailed password reset link: the click sets the password
  if (location.pathname === '/auth/reset') {
    return (
      <Suspense fallback={<Loading what="the page" />}>
        <ResetPassword />
      </Suspense>
    );
  }
  // a rating link from a solved ticket's mail: the signed link is the key, nobody needs to sign in
  if (location.pathname.startsWith('/csat/')) {
    return (
      <Suspense fallback={<Loading what="the rating page" />}>
        <Routes>
          <Route path="/csat/:token" element={<RatingPage />} />
        </Routes>
      </Suspense>
    );
  }
  // an entitlement link from the mail a stranger at a known domain gets: the one-use link is the key
  if (location.pathname.startsWith('/entitlement/')) {
    return (
      <Suspense fallback={<Loading what="your request" />}>
        <Routes>
          <Route path="/entitlement/:token" element={<EntitlementLinkPage />} />
        </Routes>
      </Suspense>
    );
  }
  // a booking link from a ticket: the signed link is the permission, nobody needs to sign in
  if (location.pathname.startsWith('/book/')) {
    return (
      <Suspense fallback={<Loading what="the booking page" />}>
        <Routes>
          <Route path="/book/:token" element={<BookCallPage />} />
        </Routes>
      </Suspense>
    );
  }
  return <Desk />;
}

function Desk() {
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
            <Route
              path="contacts"
              element={
                <Suspense fallback={<Loading what="your named contacts" />}>
                  <PortalContacts />
                </Suspense>
              }
            />
          </Route>
          <Route path="*" element={<Navigate to="/portal" replace />} />
        </Routes>
      </SessionProvider>
    );
  }

  if (!actor) return <SignIn />;
  if (actor.kind === 'contact') return <Navigate to="/portal" replace />;
  if (actor.twoFactorEnrolmentRequired) return <TwoFactorRequiredPage />;
  return (
    <SessionProvider session={session.data as NonNullable<typeof session.data>}>
      <Routes>
        <Route path="/" element={<AgentLayout />}>
          <Route index element={<Navigate to="/views/mine" replace />} />
          <Route path="views/:view" element={<TicketList />} />
          <Route path="tickets/new" element={<NewTicketPage />} />
          <Route path="tickets/:number" element={<TicketPage />} />
          <Route path="tickets/:number/bundles/:id" element={<BundlePage />} />
          <Route path="people/:id" element={<PersonPage />} />
          <Route path="organizations/:id" element={<OrganizationPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="coverage" element={<CoveragePage />} />
          <Route path="where-to-hire" element={<StaffingPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="reports/:report" element={<ReportsPage />} />
          <Route path="oncall" element={<OnCallPage />} />
          <Route path="calls" element={<CallsPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="macros" element={<MacrosPage />} />
          <Route path="admin/roster" element={<RosterPage />} />
          <Route path="admin/sla" element={<SlaPoliciesPage />} />
          <Route path="admin/forges" element={<ForgesPage />} />
          <Route path="admin/tokens" element={<TokensPage />} />
          <Route path="admin/quarantine" element={<QuarantinePage />} />
          <Route path="admin/security" element={<SecurityPage />} />
          <Route path="admin/mail" element={<MailPage />} />
          <Route path="admin/fields" element={<FieldsPage />} />
          <Route path="admin/call-types" element={<CallTypesPage />} />
          <Route path="*" element={<p className="page">There is no such page in the desk.</p>} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
