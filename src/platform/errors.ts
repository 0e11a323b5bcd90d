// One error type for the whole desk. Actions throw AppError(code); the HTTP layer maps the code to a
// status in one place, the CLI prints the message and exits non-zero.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  INVALID_TRANSITION: 409,
  LAST_ADMIN: 409,
  REQUESTER_REQUIRED: 400,
  FIELD_NOT_ALLOWED: 403,
  FIELD_REQUIRED: 400,
  FIELD_NOT_FOUND: 404,
  CC_NOT_COLLEAGUE: 403,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  TOKEN_SCOPE: 403,
  TOKEN_LIMIT: 409,
  PROOF_REQUIRED: 403,
  SESSION_REQUIRED: 403,
  SESSION_EXPIRED: 401,
  SIGN_IN_FAILED: 401,
  SIGN_IN_LINK_INVALID: 401,
  TWO_FACTOR_CODE_WRONG: 403,
  TWO_FACTOR_CODE_REPLAYED: 403,
  TWO_FACTOR_CHALLENGE_INVALID: 401,
  TWO_FACTOR_LOCKED: 429,
  TWO_FACTOR_NOT_ENABLED: 409,
  TWO_FACTOR_NOT_PENDING: 409,
  TWO_FACTOR_REQUIRED: 409,
  TWO_FACTOR_ENROLMENT_REQUIRED: 403,
  PASSWORD_RESET_LINK_INVALID: 401,
  PASSWORD_SIGN_IN_OFF: 403,
  PASSKEY_REFUSED: 401,
  PASSKEY_CHALLENGE_INVALID: 401,
  PASSKEY_NOT_FOUND: 404,
  // single sign-on (OpenID Connect): the sign-in page explains each
  SSO_NOT_CONFIGURED: 404,
  SSO_FAILED: 401,
  SSO_REFUSED: 403,
  SSO_EMAIL_UNVERIFIED: 403,
  SSO_ACCOUNT_CONFLICT: 409,
  SSO_AGENT_DEACTIVATED: 403,
  SSO_UNAVAILABLE: 502,
  // an organization's own single sign-on for its contacts (auth/organization-sso)
  SSO_PROVIDER_INVALID: 422,
  SSO_REQUIRED: 409,
  SSO_IDENTITY_REFUSED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  ORGANIZATION_NOT_FOUND: 404,
  CONTACT_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  VIEW_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  MACRO_NOT_FOUND: 404,
  CALL_TYPE_NOT_FOUND: 404,
  CALL_NOT_FOUND: 404,
  CALL_NO_HOST: 409,
  CALL_NOT_ENTITLED: 403,
  CALL_NOT_CHANGEABLE: 409,
  SLOT_TAKEN: 409,
  CALL_ALREADY_BOOKED: 409,
  SLOT_UNAVAILABLE: 409,
  CALENDAR_UNREACHABLE: 422,
  OFFER_INVALID: 401,
  CSAT_LINK_INVALID: 401,
  CSAT_CLOSED: 409,
  MACRO_PLACEHOLDER_UNKNOWN: 400,
  ATTACHMENT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALREADY_EXISTS: 409,
  DEMAND_NOT_WRITTEN: 409,
  // named support contacts (people/named-contacts): an organization's admin contacts manage them
  NAMED_CONTACT_LIMIT: 409,
  NAMED_CONTACT_DOMAIN: 403,
  ORG_ADMIN_REQUIRED: 403,
  CONTACT_IN_OTHER_ORGANIZATION: 409,
  LAST_ORG_ADMIN: 409,
  NAMED_CONTACTS_FILE_INVALID: 400,
  DOMAIN_TAKEN: 409,
  DOMAIN_REFUSED: 422,
  // entitlement requests (src/entitlement): a stranger at a known domain asks to be entitled
  ENTITLEMENT_LINK_INVALID: 404,
  ENTITLEMENT_REQUEST_NOT_FOUND: 404,
  ENTITLEMENT_REQUEST_DECIDED: 409,
  ENTITLEMENT_NOT_CONFIRMED: 409,
  TICKET_CLOSED: 409,
  MERGE_INTO_ITSELF: 400,
  MERGE_ACROSS_ORGANIZATIONS: 409,
  WATCHING_NEEDS_LINK: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MAILBOX_UNREACHABLE: 422,
  FORGE_NOT_CONFIGURED: 422,
  FORGE_UNREACHABLE: 502,
  ISSUE_NOT_FOUND: 404,
  ISSUE_NOT_PUBLIC: 422,
  PROJECT_NOT_PUBLIC: 422,
  WEBHOOK_REFUSED: 401,
  ROSTER_INVALID: 400,
  PAGE_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  TOO_MANY_STREAMS: 429,
  DATA_DIR_IN_USE: 503,
  SIGN_IN_BUSY: 503,
  TASK_POOL_BUSY: 503,
  TASK_TIMED_OUT: 503,
  MAIL_TOO_COMPLEX: 422,
  MESSAGE_TOO_COMPLEX: 422,
  BUNDLE_NOT_FOUND: 404,
  UPLOAD_NOT_FOUND: 404,
  UPLOAD_INCOMPLETE: 409,
  BUNDLE_TOO_LARGE: 413,
  BUNDLE_TYPE_REFUSED: 415,
  BUNDLE_SCAN_REFUSED: 422,
  BUNDLE_NOT_READY: 409,
  BUNDLE_QUOTA_EXCEEDED: 413,
  STORAGE_FULL: 507,
  DATABASE_UNAVAILABLE: 503,
  SECRET_KEY_MISSING: 500,
  SECRET_KEY_MISMATCH: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** An error as text fit to store: PostgreSQL text cannot hold NUL, and a reason need not be a novel. */
export function storableError(err: unknown, maxLength = 2000): string {
  // the driver's own words say what went wrong; the query around them is noise in a reason
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const text =
    err instanceof Error
      ? cause && err.message.startsWith('Failed query:')
        ? `database: ${cause.message}`
        : // a programming error says so (TypeError: …), so that it is never taken for bad input
          `${err.name !== 'Error' && !(err instanceof AppError) ? `${err.name}: ` : ''}${err.message}`
      : String(err);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must go
  const clean = text.replace(/\u0000/g, '');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}
