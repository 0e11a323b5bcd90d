// The admins' audit log groups desk events (those outside tickets) by what a security review asks:
// who signed in or failed to, what happened to accounts and roles, to two-factor, to API tokens, and
// which admin settings changed. An action not listed here still shows under "all".

export const AUDIT_CATEGORIES = {
  'sign-in': [
    'agent.signed-in',
    'agent.sign-in-failed',
    'contact.signed-in',
    'agent.second-factor-failed',
    'agent.signed-out-everywhere',
    'agent.signed-out-elsewhere',
    'agent.session-ended',
    'agent.password-set',
    'agent.password-reset-requested',
    'agent.password-reset-completed',
    'contact.sessions-ended',
  ],
  'two-factor': [
    'agent.two-factor-enrolled',
    'agent.two-factor-disabled',
    'agent.recovery-codes-regenerated',
    'agent.recovery-code-used',
  ],
  people: [
    'agent.created',
    'agent.updated',
    'contact.created',
    'contact.updated',
    'organization.created',
    'organization.updated',
    'team.created',
    'team.members-set',
  ],
  tokens: ['token.created', 'token.revoked', 'token.used'],
  settings: [
    'settings.security-changed',
    'sla.policies-changed',
    'portal.severities-changed',
    'forge.added',
    'forge.removed',
    'mailbox.added',
    'mailbox.removed',
    'field.created',
    'field.updated',
    'field.deleted',
    'macro.created',
    'macro.updated',
    'macro.deleted',
    'call-type.created',
    'call-type.updated',
    'roster.imported',
  ],
} as const satisfies Record<string, readonly string[]>;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;
export const AUDIT_CATEGORY_NAMES = [
  'sign-in',
  'two-factor',
  'people',
  'tokens',
  'settings',
] as const satisfies readonly AuditCategory[];
