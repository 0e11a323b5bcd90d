import type { IssueReference } from '../forges/find-linked-tickets.js';

// What a person means by what they type in the search box. Besides the ranked full text, a query
// may name a ticket (`#253`, `253`), a public issue (its URL, `#7`, `!7`, `project#7`), a person
// (their email, their name) or an organization (its name). Pure: no I/O.

export interface SearchIntent {
  /** a ticket number to show first */
  ticketNumber?: number;
  /** tickets linked to this issue */
  issue?: IssueReference;
  /** tickets this address requested or is CC'd on */
  email?: string;
  /** words that may be a person's or an organization's name */
  name?: string;
  /** what the full text searches (null: only the above) */
  text: string | null;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
// a name is words of letters (and the odd apostrophe, dot or hyphen), not search syntax
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}'’.&-]*(\s+[\p{L}\p{N}'’.&-]+){0,5}$/u;
const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

export function readSearchQuery(raw: string): SearchIntent {
  const q = raw.trim();
  const number = /^(#?)(\d{1,15})$/.exec(q);
  if (number) {
    const n = Number(number[2]);
    if (n < 1 || n > MAX_NUMBER) return { text: q };
    // `#7` is also how forges write an issue: tickets linked to issue 7 follow ticket 7
    return {
      ticketNumber: n,
      ...(number[1] ? { issue: { itemKind: 'issue' as const, number: n } } : {}),
      text: number[2] as string,
    };
  }
  const change = /^!(\d{1,9})$/.exec(q);
  if (change) return { issue: { itemKind: 'change', number: Number(change[1]) }, text: null };
  const projectRef = /^([\w.-]+(?:\/[\w.-]+)*)([#!])(\d{1,9})$/.exec(q);
  if (projectRef) {
    return {
      issue: {
        itemKind: projectRef[2] === '!' ? 'change' : 'issue',
        number: Number(projectRef[3]),
        project: projectRef[1] as string,
      },
      text: q,
    };
  }
  if (/^https?:\/\/\S+$/i.test(q)) return { issue: { url: q }, text: q };
  if (EMAIL.test(q)) return { email: q.toLowerCase(), text: q };
  if (NAME.test(q) && /\p{L}/u.test(q) && !/^or$/i.test(q)) return { name: q, text: q };
  return { text: q };
}
