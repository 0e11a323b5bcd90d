import { EntitlementRequestList } from '../shared/entitlement-requests.js';

/** On the organization page: strangers at its domains who ask to be entitled; leads decide. */
export function OrganizationEntitlementRequests({ organizationId, lead }: { organizationId: string; lead: boolean }) {
  return (
    <EntitlementRequestList
      organizationId={organizationId}
      canDecide={lead}
      ticketLink={(n) => `/tickets/${n}`}
      hideWhenEmpty
    />
  );
}
