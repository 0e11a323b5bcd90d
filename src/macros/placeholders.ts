import { AppError } from '../platform/errors.js';

// Placeholders in a macro's body: {{requester.first_name}} and friends. Pure: no I/O.

export const PLACEHOLDERS = {
  'requester.name': "the requester's name",
  'requester.first_name': "the requester's first name",
  'requester.email': "the requester's email",
  'organization.name': "the requester's organization",
  'ticket.number': 'the ticket number',
  'ticket.subject': "the ticket's subject",
  'ticket.status': "the ticket's status (after the macro's actions)",
  'ticket.priority': "the ticket's priority (after the macro's actions)",
  'agent.name': 'the name of the agent applying the macro',
  'agent.first_name': 'the first name of the agent applying the macro',
  'issue.url': "the address of the ticket's most recently linked issue",
  'issue.title': "that issue's title",
  'issue.milestone': "that issue's milestone",
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<Placeholder, string | number | null | undefined>>;

const PATTERN = /\{\{([^{}]*)\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** The placeholders in a body that the desk does not know, each once. */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PATTERN)].map((m) => (m[1] ?? '').trim());
  return [...new Set(names.filter((n) => !isPlaceholder(n)))];
}

/** Refuses a body with a placeholder that would never be filled: a typo would reach the customer. */
export function assertPlaceholdersKnown(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length === 0) return;
  throw new AppError(
    'MACRO_PLACEHOLDER_UNKNOWN',
    `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}; known: ${Object.keys(
      PLACEHOLDERS,
    )
      .map((n) => `{{${n}}}`)
      .join(', ')}.`,
    { unknown, known: Object.keys(PLACEHOLDERS) },
  );
}

/**
 * A value as literal text inside Markdown. Subjects and names come from customers (a From header)
 * and titles from forges: `[Verify your account](https://evil)` as a subject must not become a link
 * in a mail from the desk. Escaping brackets, angle brackets, backticks and backslashes is enough to
 * keep links, images, autolinks and code from forming, and leaves the text part readable.
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\\`[\]<>]/g, '\\$&');
}

/** The body with every placeholder filled; a value the ticket does not have is empty text. */
export function renderPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PATTERN, (whole, inner: string) => {
    const name = inner.trim();
    if (!isPlaceholder(name)) return whole; // refused on save; kept as written should one slip through
    const value = values[name];
    return value === null || value === undefined ? '' : escapeMarkdown(String(value));
  });
}

/** "Lena" of "Lena Meyer"; a name is a person's first word. */
export function firstName(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}
