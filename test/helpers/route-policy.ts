// Who may call each operation of the API: the authorization matrix (test/authorization-matrix.db.test.ts)
// reads every operation from GET /api/openapi.json and fails on one that is not declared here, so a
// new route is covered by default. Declare the rule the desk means to keep, not what the code does
// today: where the two differ the matrix fails on that row until the code is fixed.

/**
 * The least caller that may use the operation; every one above may too, unless contact-only.
 * - public: anyone, no credential (its own key: a signed link, a webhook signature, a password)
 * - contact: any signed-in caller, customers included (a customer only on what is theirs)
 * - contact-only: customers only; agents are refused (portal actions)
 * - agent | lead | admin: agent accounts of at least that role
 */
export type Least = 'public' | 'contact' | 'contact-only' | 'agent' | 'lead' | 'admin';

export interface RoutePolicy {
  least: Least;
  /** why, where the rule is not plain from the route's summary */
  note?: string;
  /** the JSON body to send, where the one generated from the request schema would not pass validation */
  body?: unknown;
  /** the Content-Type of `body`, when not JSON */
  contentType?: string;
  /** query string values to send besides the generated required ones */
  query?: Record<string, string>;
  /** whose object it is decides too: a caller of the least role may be refused on someone else's (FORBIDDEN) */
  ownOnly?: boolean;
  /** the callers who may use it are not asked, and why (a response that never ends) */
  skipAllowed?: string;
  /** public, but its own key (password, signed link, signature) decides: a made-up one must be refused */
  keyed?: boolean;
  /** a keyed page that answers a made-up key with a redirect here (a path), rather than a 4xx */
  madeUpKeyGoesTo?: string;
}

const NO_BODY_UPLOAD = { uploadId: 'a'.repeat(32) };

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  // auth and tokens
  'POST /api/v1/auth/sign-in': {
    least: 'public',
    keyed: true,
    body: { email: 'nobody@desk.example', password: 'wrong' },
  },
  'POST /api/v1/auth/sign-in-link': { least: 'public' },
  'POST /api/v1/auth/redeem': { least: 'public', keyed: true },
  'GET /api/v1/auth/methods': { least: 'public', note: 'the sign-in page asks how agents sign in' },
  'POST /api/v1/auth/sign-out': { least: 'contact' },
  'POST /api/v1/auth/sign-out-everywhere': { least: 'contact' },
  'GET /api/v1/auth/session': { least: 'contact' },
  'PUT /api/v1/me/password': { least: 'agent', note: 'customers sign in by link; they have no password' },
  'POST /api/v1/auth/sign-in/two-factor': {
    least: 'public',
    keyed: true,
    note: 'the signed challenge from the password step is the key',
    body: { challenge: 'made-up-challenge', code: '123456' },
  },
  'POST /api/v1/auth/password-reset': { least: 'public', note: 'always 202: it never tells who is an agent' },
  'POST /api/v1/auth/password-reset/confirm': { least: 'public', keyed: true, note: 'the mailed link is the key' },
  'GET /api/v1/me': { least: 'contact', note: 'their own profile; a customer gets their name and email' },
  'PATCH /api/v1/me': { least: 'agent', note: 'their own name and time zone', body: { timeZone: 'UTC' } },
  'GET /api/v1/me/sessions': { least: 'agent', note: 'their own sessions' },
  'DELETE /api/v1/me/sessions': { least: 'agent', note: 'their own other sessions (a token caller has none)' },
  'DELETE /api/v1/me/sessions/{id}': { least: 'agent', note: 'their own session: another’s is not found' },
  'GET /api/v1/me/tokens': { least: 'agent', note: 'their own personal tokens' },
  'POST /api/v1/me/tokens': {
    least: 'agent',
    note: 'made while signed in: a token asking gets SESSION_REQUIRED',
    body: { name: 'matrix', scope: 'read' },
  },
  'DELETE /api/v1/me/tokens/{id}': { least: 'agent', note: 'their own personal token: another’s is not found' },
  'GET /api/v1/me/totp': { least: 'agent', note: 'their own second factor' },
  'POST /api/v1/me/totp': { least: 'agent', note: 'their own second factor' },
  'POST /api/v1/me/totp/confirm': { least: 'agent', body: { code: '123456' } },
  'DELETE /api/v1/me/totp': { least: 'agent' },
  'POST /api/v1/me/totp/recovery-codes': { least: 'agent', body: { code: '123456' } },
  'DELETE /api/v1/agents/{id}/totp': { least: 'admin', note: 'a lost phone without recovery codes' },
  'GET /api/v1/agents/{id}/second-factors': { least: 'admin', note: 'names and dates only, never a secret' },
  'DELETE /api/v1/agents/{id}/passkeys/{passkeyId}': { least: 'admin', note: 'a lost or stolen device' },
  'GET /api/v1/me/passkeys': { least: 'agent', note: 'their own passkeys' },
  'POST /api/v1/me/passkeys/registration-options': {
    least: 'agent',
    note: 'their own, with a session (a token caller gets SESSION_REQUIRED) and the password or a code',
  },
  'POST /api/v1/me/passkeys': { least: 'agent', note: 'the answer to their own session’s options' },
  'PATCH /api/v1/me/passkeys/{id}': { least: 'agent', note: 'their own passkey: another’s is not found' },
  'DELETE /api/v1/me/passkeys/{id}': { least: 'agent', note: 'their own passkey: another’s is not found' },
  'POST /api/v1/auth/passkey/options': { least: 'public', note: 'the sign-in page starts a passkey sign-in' },
  'POST /api/v1/auth/sign-in/passkey': {
    least: 'public',
    keyed: true,
    note: 'the kept challenge (its attempt) and a passkey’s signature are the key',
    body: {
      attempt: '00000000-0000-4000-8000-000000000000',
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
        clientExtensionResults: {},
      },
    },
  },
  'POST /api/v1/auth/sign-in/two-factor/passkey-options': {
    least: 'public',
    keyed: true,
    note: 'the signed challenge from the password step is the key',
    body: { challenge: 'made-up-challenge' },
  },
  'GET /api/v1/settings/security': { least: 'admin' },
  'PUT /api/v1/settings/security': { least: 'admin', body: { twoFactorRequired: false } },
  'DELETE /api/v1/contacts/{id}/sessions': { least: 'lead' },
  'POST /api/v1/tokens': { least: 'admin' },
  'GET /api/v1/tokens': { least: 'admin' },
  'DELETE /api/v1/tokens/{id}': { least: 'admin' },

  // people
  'POST /api/v1/organizations': { least: 'lead' },
  'GET /api/v1/organizations': { least: 'agent' },
  'GET /api/v1/organizations/{id}': { least: 'contact', note: "a customer: their own organization's only" },
  'GET /api/v1/organizations/{id}/summary': { least: 'agent' },
  'PATCH /api/v1/organizations/{id}': { least: 'lead' },
  'GET /api/v1/organizations/{id}/sso': {
    least: 'admin',
    note: 'an organization’s own sign-in; never the client secret',
  },
  'PUT /api/v1/organizations/{id}/sso': {
    least: 'admin',
    note: 'the desk fetches the issuer: an admin’s setting',
    body: { issuer: 'https://login.invalid', clientId: 'desk', required: false },
  },
  'DELETE /api/v1/organizations/{id}/sso': { least: 'admin' },
  'POST /api/v1/auth/sign-in-options': {
    least: 'public',
    note: 'the portal asks which company sign-in an address’s domain has: the same for every address there',
  },
  'POST /api/v1/contacts': { least: 'agent', note: 'placing the contact in an organization needs a lead' },
  'GET /api/v1/contacts': { least: 'agent' },
  'GET /api/v1/contacts/{id}': { least: 'contact', note: 'a customer: themselves only' },
  'GET /api/v1/contacts/{id}/summary': { least: 'agent' },
  'PATCH /api/v1/contacts/{id}': { least: 'agent', note: 'email, organization, role and notes need a lead' },
  'POST /api/v1/agents': { least: 'admin' },
  'GET /api/v1/agents': { least: 'agent' },
  'GET /api/v1/agents/{id}': { least: 'agent' },
  'PATCH /api/v1/agents/{id}': {
    least: 'agent',
    ownOnly: true,
    note: 'own name and zone; a lead anyone’s zone; role and active an admin',
  },
  'POST /api/v1/teams': { least: 'lead' },
  'GET /api/v1/teams': { least: 'agent' },
  'PUT /api/v1/teams/{id}/members': { least: 'lead' },
  'GET /api/v1/organizations/{id}/named-contacts': { least: 'agent' },
  'PUT /api/v1/organizations/{id}/named-contacts': {
    least: 'lead',
    note: "also the organization's own sync token (src/people/named-contacts.db.test.ts); contact A stays named",
    body: '- name: Ana\n  email: ana@a-org.example\n',
    contentType: 'application/yaml',
  },
  'PUT /api/v1/organizations/{id}/named-contact-limit': { least: 'lead', body: { limit: null } },
  'GET /api/v1/organizations/{id}/sync-tokens': { least: 'agent' },
  'DELETE /api/v1/organizations/{id}/sync-tokens/{tokenId}': { least: 'lead' },

  // tickets
  'POST /api/v1/tickets': { least: 'contact' },
  'GET /api/v1/tickets': { least: 'contact', note: 'a customer lists the tickets they may see' },
  'GET /api/v1/tickets/count': { least: 'contact' },
  'POST /api/v1/tickets/bulk': { least: 'agent' },
  'GET /api/v1/tickets/{number}': { least: 'contact' },
  'PATCH /api/v1/tickets/{number}': {
    least: 'contact',
    note: 'a customer changes the status only (solve, reopen): other fields are refused before the ticket is looked up',
    body: { status: 'solved' },
  },
  'GET /api/v1/tickets/{number}/messages': { least: 'contact', note: 'a customer never sees internal notes' },
  'POST /api/v1/tickets/{number}/messages': { least: 'contact', note: 'a customer: public replies only' },
  'GET /api/v1/tickets/{number}/events': { least: 'agent' },
  'GET /api/v1/attachments/{id}': { least: 'contact' },
  'GET /api/v1/search': { least: 'contact', note: 'customers find only what they may open' },
  'POST /api/v1/views': { least: 'agent', note: 'a shared view needs a lead' },
  'GET /api/v1/views': { least: 'agent' },
  'DELETE /api/v1/views/{id}': { least: 'agent' },
  'GET /api/v1/views/{id}/tickets': { least: 'agent' },
  'GET /api/v1/tickets/{number}/ccs': { least: 'contact' },
  'POST /api/v1/tickets/{number}/ccs': { least: 'contact', note: 'a customer copies known colleagues only' },
  'DELETE /api/v1/tickets/{number}/ccs/{contactId}': { least: 'contact' },
  'POST /api/v1/tickets/{number}/merge': { least: 'agent' },
  'POST /api/v1/messages/preview': { least: 'agent' },

  // custom fields
  'GET /api/v1/fields': { least: 'contact', note: 'customers: never the internal ones' },
  'POST /api/v1/fields': { least: 'admin' },
  'PATCH /api/v1/fields/{id}': { least: 'admin' },
  'DELETE /api/v1/fields/{id}': { least: 'admin' },
  'GET /api/v1/tickets/{number}/fields': { least: 'contact' },
  'PATCH /api/v1/tickets/{number}/fields': { least: 'agent', note: 'its summary: "(agents)"' },

  // portal
  'GET /api/v1/severities': { least: 'contact' },
  'PUT /api/v1/severities': { least: 'admin' },
  'GET /api/v1/portal/colleagues': { least: 'contact-only' },
  'POST /api/v1/tickets/{number}/colleagues': { least: 'contact-only' },
  // an organization's admin contacts only: another contact gets ORG_ADMIN_REQUIRED (named-contacts.db.test.ts)
  'GET /api/v1/portal/named-contacts': { least: 'contact-only' },
  'POST /api/v1/portal/named-contacts': { least: 'contact-only' },
  'DELETE /api/v1/portal/named-contacts/{id}': { least: 'contact-only' },
  'GET /api/v1/portal/sync-tokens': { least: 'contact-only' },
  'POST /api/v1/portal/sync-tokens': { least: 'contact-only' },
  'DELETE /api/v1/portal/sync-tokens/{id}': { least: 'contact-only' },

  // mail
  'GET /api/v1/mail/addresses': { least: 'admin' },
  'GET /api/v1/mail/status': { least: 'agent' },
  'GET /api/v1/mail/outbox': { least: 'admin' },
  'POST /api/v1/mail/inbound': {
    least: 'admin',
    body: 'From: a@example.com\r\nTo: support@desk.example\r\nSubject: matrix\r\n\r\nhello\r\n',
    contentType: 'message/rfc822',
  },
  'GET /api/v1/mail/inbound': { least: 'admin' },
  'GET /api/v1/mail/inbound/{id}/raw': { least: 'admin' },
  'POST /api/v1/mail/inbound/{id}/retry': { least: 'admin' },
  'GET /api/v1/mail/suppressions': { least: 'admin' },
  'DELETE /api/v1/mail/suppressions/{address}': { least: 'admin' },
  'POST /api/v1/mail/mailboxes': { least: 'admin' },
  'GET /api/v1/mail/mailboxes': { least: 'admin' },
  'DELETE /api/v1/mail/mailboxes/{id}': { least: 'admin' },
  'POST /api/v1/mail/mailboxes/{id}/poll': { least: 'admin' },

  // forges and links
  'POST /api/v1/forges': { least: 'admin' },
  'GET /api/v1/forges': { least: 'agent' },
  'PATCH /api/v1/forges/{id}': { least: 'admin' },
  'DELETE /api/v1/forges/{id}': { least: 'admin' },
  'GET /api/v1/forges/templates': { least: 'agent' },
  'PUT /api/v1/forges/templates': { least: 'lead' },
  'POST /api/v1/tickets/{number}/links': { least: 'agent' },
  'GET /api/v1/tickets/{number}/links': { least: 'contact', note: 'customers follow the issues they wait on' },
  'DELETE /api/v1/tickets/{number}/links/{id}': { least: 'agent' },
  'POST /api/v1/tickets/{number}/links/{id}/demand': {
    least: 'contact',
    note: 'a customer asks to be counted on an issue their ticket waits on',
  },
  'GET /api/v1/tickets/{number}/issue-suggestions': { least: 'agent' },
  'POST /api/v1/tickets/{number}/issue-suggestions/dismissals': { least: 'agent' },
  'POST /api/v1/tickets/{number}/issue-suggestions/search': {
    least: 'agent',
    note: 'sends the planned terms to the forges; the agent saw them first',
  },
  'GET /api/v1/tickets/{number}/look-alikes': { least: 'agent' },
  'POST /api/v1/tickets/{number}/look-alikes/link': { least: 'agent' },
  'POST /api/v1/issues/preview': { least: 'agent' },
  'POST /api/v1/tickets/{number}/issues': { least: 'agent' },
  'GET /api/v1/issues/demand': { least: 'agent' },

  // roster and coverage
  'GET /api/v1/agents/{id}/schedule': { least: 'agent' },
  'PUT /api/v1/agents/{id}/schedule': { least: 'agent', ownOnly: true, note: 'their own, or anyone’s as a lead' },
  'POST /api/v1/time-off': {
    least: 'agent',
    ownOnly: true,
    note: 'their own, or anyone’s as a lead; a real agent, or the agent lookup answers before the role check',
    body: { agent: 'agent@desk.example', from: '2030-01-07', to: '2030-01-07' },
  },
  'GET /api/v1/time-off': { least: 'agent' },
  'DELETE /api/v1/time-off/{id}': { least: 'agent', ownOnly: true, note: 'their own, or anyone’s as a lead' },
  'POST /api/v1/roster': { least: 'lead' },
  'GET /api/v1/coverage': { least: 'agent' },
  'GET /api/v1/coverage/settings': { least: 'agent' },
  'PUT /api/v1/coverage/settings': { least: 'admin' },

  // staffing
  'GET /api/v1/staffing/where-to-hire': { least: 'lead' },
  'POST /api/v1/staffing/what-if': { least: 'lead' },
  'GET /api/v1/staffing/settings': { least: 'lead' },
  'PUT /api/v1/staffing/settings': { least: 'lead' },

  // SLA
  'GET /api/v1/tickets/{number}/sla': { least: 'agent' },
  'GET /api/v1/sla/next': { least: 'agent' },
  'GET /api/v1/sla/breaches': { least: 'agent' },
  'GET /api/v1/sla/policies': { least: 'agent' },
  'PUT /api/v1/sla/policies': { least: 'admin' },

  // on call
  'GET /api/v1/oncall': { least: 'agent' },
  'PUT /api/v1/oncall': { least: 'lead' },
  'GET /api/v1/pages': { least: 'agent' },
  'POST /api/v1/pages/{id}/ack': { least: 'agent' },

  // notifications
  'GET /api/v1/notifications': { least: 'agent' },
  'GET /api/v1/notifications/unread-count': { least: 'agent' },
  'POST /api/v1/notifications/{id}/read': { least: 'agent' },
  'POST /api/v1/notifications/read-all': { least: 'agent' },
  'GET /api/v1/notifications/preferences': { least: 'agent' },
  'PUT /api/v1/notifications/preferences/{kind}': { least: 'agent' },

  // macros
  'GET /api/v1/macros': { least: 'agent' },
  'GET /api/v1/macros/placeholders': { least: 'agent' },
  'POST /api/v1/macros': { least: 'agent', note: 'a shared macro needs a lead' },
  'GET /api/v1/macros/{id}': { least: 'agent' },
  'PATCH /api/v1/macros/{id}': { least: 'agent' },
  'DELETE /api/v1/macros/{id}': { least: 'agent' },
  'POST /api/v1/tickets/{number}/macros/{id}/apply': { least: 'agent' },

  // calls
  'GET /api/v1/call-types': { least: 'agent' },
  'POST /api/v1/call-types': { least: 'admin' },
  'PATCH /api/v1/call-types/{id}': { least: 'admin' },
  'GET /api/v1/agents/{id}/calendar': { least: 'agent', ownOnly: true, note: 'their own, or a lead' },
  'PUT /api/v1/agents/{id}/calendar': { least: 'agent', ownOnly: true, note: 'their own, or a lead' },
  'POST /api/v1/agents/{id}/calendar/refresh': { least: 'agent', ownOnly: true, note: 'their own, or a lead' },
  'DELETE /api/v1/agents/{id}/calendar': { least: 'agent', ownOnly: true, note: 'their own, or a lead' },
  'PUT /api/v1/agents/{id}/room': { least: 'agent', ownOnly: true, note: 'their own, or a lead' },
  'GET /api/v1/tickets/{number}/call-types': { least: 'contact' },
  'GET /api/v1/tickets/{number}/call-slots': { least: 'contact' },
  'GET /api/v1/tickets/{number}/calls': { least: 'contact' },
  'POST /api/v1/tickets/{number}/calls': { least: 'contact' },
  'POST /api/v1/tickets/{number}/call-offers': { least: 'agent' },
  'POST /api/v1/tickets/{number}/call-now': { least: 'contact-only', note: 'only the customer asks for a call now' },
  'GET /api/v1/calls': { least: 'agent' },
  'GET /api/v1/calls/load': { least: 'lead' },
  'PATCH /api/v1/calls/{id}': { least: 'contact', note: "an agent, or the ticket's customer" },
  'DELETE /api/v1/calls/{id}': { least: 'contact', note: "an agent, or the ticket's customer" },
  'POST /api/v1/calls/{id}/outcome': { least: 'agent' },
  'GET /api/v1/call-offers/{token}': { least: 'public', keyed: true, note: 'the signed booking link is the key' },
  'POST /api/v1/call-offers/{token}/calls': {
    least: 'public',
    keyed: true,
    note: 'the signed booking link is the key',
  },

  // log bundles
  'POST /api/v1/tickets/{number}/bundles': { least: 'contact', body: NO_BODY_UPLOAD },
  'GET /api/v1/tickets/{number}/bundles': { least: 'contact' },
  'GET /api/v1/bundles/{id}': { least: 'contact', note: 'the analysis: agents only' },
  'GET /api/v1/bundles/{id}/file': { least: 'contact' },
  'DELETE /api/v1/bundles/{id}': { least: 'contact', note: 'a customer: the bundles they uploaded' },
  'GET /api/v1/bundle-limits': { least: 'contact' },

  // ratings
  'GET /api/v1/csat/{token}': { least: 'public', keyed: true, note: 'the signed rating link is the key' },
  'POST /api/v1/csat/{token}': { least: 'public', keyed: true, note: 'the signed rating link is the key' },
  'GET /api/v1/tickets/{number}/csat': { least: 'contact' },
  'GET /api/v1/reports/csat': { least: 'lead' },

  // entitlement requests
  'GET /api/v1/entitlement-requests': {
    least: 'contact',
    note: "agents: all; a customer: their organization's, as its admin only (403 ORG_ADMIN_REQUIRED)",
  },
  'POST /api/v1/entitlement-requests/{id}/approve': {
    least: 'contact',
    ownOnly: true,
    note: "a lead, or the organization's admin contact: another organization's request is not found",
  },
  'POST /api/v1/entitlement-requests/{id}/decline': {
    least: 'contact',
    ownOnly: true,
    note: "a lead, or the organization's admin contact: another organization's request is not found",
  },
  'GET /api/v1/entitlement-links/{token}': { least: 'public', keyed: true, note: 'the mailed one-use link is the key' },
  'POST /api/v1/entitlement-links/{token}': {
    least: 'public',
    keyed: true,
    note: 'the mailed one-use link is the key',
  },

  // reports
  'GET /api/v1/reports': { least: 'lead' },
  'GET /api/v1/reports/{report}': { least: 'lead' },
  'GET /api/v1/reports/weekly-summary': { least: 'lead' },
  'PUT /api/v1/reports/weekly-summary': { least: 'lead' },

  // live
  'GET /api/v1/stream': {
    least: 'contact',
    skipAllowed: 'an event stream does not end; src/live/stream.db.test.ts covers who hears what',
  },
  'POST /api/v1/tickets/{number}/presence': { least: 'agent' },

  // jobs
  'GET /api/v1/jobs': { least: 'admin' },
  'POST /api/v1/jobs/{id}/retry': { least: 'admin' },
  // audit log
  'GET /api/v1/audit-events': { least: 'admin' },
};

/**
 * Routes left out of the OpenAPI document (schema.hide) that still take requests from outside.
 * The resumable uploads (/api/v1/uploads) have their own block in the matrix: they are the uploader's alone.
 */
export const HIDDEN_OPERATIONS: Record<string, RoutePolicy> = {
  'GET /healthz': { least: 'public' },
  'GET /api/openapi.json': { least: 'public' },
  'GET /auth/oidc': {
    least: 'public',
    note: 'starts single sign-on: a redirect to the provider (or, when it is not set up, to the sign-in page)',
  },
  'GET /auth/oidc/callback': {
    least: 'public',
    keyed: true,
    madeUpKeyGoesTo: '/',
    note: "this browser's attempt cookie and the provider's signed answer are the key; without them, the sign-in page says so",
  },
  'GET /auth/organization-sso/{id}': {
    least: 'public',
    note: 'starts an organization’s sign-in for its contacts: a redirect to its provider (or, without one, to the portal)',
  },
  'GET /auth/organization-sso/{id}/callback': {
    least: 'public',
    keyed: true,
    madeUpKeyGoesTo: '/portal',
    note: "this browser's attempt cookie, bound to the organization, and the provider's signed answer are the key",
  },
  'GET /auth/saml': {
    least: 'public',
    note: 'starts SAML single sign-on: a redirect to the identity provider (or, when it is not set up, to the sign-in page)',
  },
  'POST /auth/saml/acs': {
    least: 'public',
    keyed: true,
    madeUpKeyGoesTo: '/',
    note: "the identity provider's signed assertion, answering a request of ours, is the key; without it, the sign-in page says so",
    contentType: 'application/x-www-form-urlencoded',
    body: `SAMLResponse=${encodeURIComponent(Buffer.from('<samlp:Response/>').toString('base64'))}`,
  },
  'GET /auth/saml/metadata': { least: 'public', note: "the desk's SP metadata, for the identity provider's admin" },
  'POST /hooks/gitlab': {
    least: 'public',
    keyed: true,
    note: "the forge's secret token is the key: unsigned is refused",
  },
  'POST /hooks/github': {
    least: 'public',
    keyed: true,
    note: "the forge's HMAC signature is the key: unsigned is refused",
  },
  'GET /calls/join/{token}': {
    least: 'public',
    keyed: true,
    madeUpKeyGoesTo: '/portal',
    note: 'the signed join link is the key; a made-up one lands on the portal, which asks to sign in',
  },
  'POST /calls/join/{token}': {
    least: 'public',
    keyed: true,
    madeUpKeyGoesTo: '/portal',
    note: 'the signed join link is the key; a made-up one lands on the portal, which asks to sign in',
  },
};
