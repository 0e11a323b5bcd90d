// The entitlement module's public surface: requests to be entitled by the organization that owns a
// sender's mail domain (issue 16).

export { entitlementRoutes } from './routes.js';
export { AWAITING_ENTITLEMENT_TAG, claimEntitlement, type EntitlementClaim, holdTicket } from './start-request.js';
