import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AppError } from '../platform/errors.js';

// The named-contact list a customer keeps in a Git repository. Two shapes, both YAML (JSON is YAML too):
//
//   # contacts.yaml of a GitLab contact management project: a list, name and email each
//   - name: Jane Doe
//     email: jane@example.com
//
//   # or Pipefitter's own, where `admin: true` makes the contact an organization admin
//   contacts:
//     - email: jane@example.com
//       name: Jane Doe
//       admin: true
//
// Every problem is reported with its line (or entry number, for a JSON body), and a file with any
// problem changes nothing.

export const MAX_FILE_CONTACTS = 1000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const KEYS = new Set(['email', 'name', 'admin']);

export interface NamedContactEntry {
  email: string;
  name: string | null;
  /** undefined: the file does not say, the contact keeps what they are */
  admin: boolean | undefined;
  /** 1-based line in the file, or entry number for JSON */
  line: number;
}

export interface FileProblem {
  /** 1-based line, when the body was text */
  line?: number;
  /** 1-based entry number in the list */
  entry?: number;
  message: string;
}

function fail(problems: FileProblem[]): never {
  const where = (p: FileProblem) =>
    p.line !== undefined ? `line ${p.line}` : p.entry !== undefined ? `entry ${p.entry}` : 'the file';
  const shown = problems.slice(0, 50);
  const list = shown.map((p) => `${where(p)}: ${p.message}`).join('\n');
  const more = problems.length > shown.length ? `\n…and ${problems.length - shown.length} more` : '';
  throw new AppError(
    'NAMED_CONTACTS_FILE_INVALID',
    `The contacts file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed.\n${list}${more}`,
    { problems: shown },
  );
}

/** The entries of a contacts file: YAML text, or a JSON body already parsed. */
export function parseNamedContactsFile(body: unknown): NamedContactEntry[] {
  if (typeof body === 'string') return fromYaml(body);
  return check(
    listOf(body).map((entry, i) => ({ entry, where: { entry: i + 1 }, line: i + 1 })),
    () => undefined,
  );
}

function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    const keys = Object.keys(body);
    const unknown = keys.filter((k) => k !== 'contacts');
    if (unknown.length > 0) fail([{ message: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}` }]);
    const contacts = (body as { contacts?: unknown }).contacts;
    if (Array.isArray(contacts)) return contacts;
  }
  return fail([{ message: 'the file needs a list of contacts (a YAML list, or a list under "contacts:")' }]);
}

function fromYaml(text: string): NamedContactEntry[] {
  const lineCounter = new LineCounter();
  // uniqueKeys compares each key with every one before it: over a stranger's 25,000 keys, seconds.
  // Entries are checked below instead, each bounded to a few keys.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    fail(
      doc.errors.slice(0, 10).map((err) => ({
        ...(err.pos ? { line: lineCounter.linePos(err.pos[0]).line } : {}),
        message: `not valid YAML: ${err.message.split('\n')[0]}`,
      })),
    );
  }
  const lineOf = (node: unknown): number | undefined => {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  let list: unknown = doc.contents;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (key !== 'contacts') {
        fail([
          { ...lineOpt(lineOf(pair.key)), message: `unknown key "${String(key)}" (the list goes under "contacts:")` },
        ]);
      }
    }
    if (doc.contents.items.length > 1) fail([{ message: '"contacts" is given twice' }]);
    list = doc.contents.get('contacts', true);
  }
  if (!isSeq(list)) {
    fail([
      {
        line: lineOf(list) ?? 1,
        message: 'the file needs a list of contacts (a YAML list, or a list under "contacts:")',
      },
    ]);
  }
  for (const node of list.items) {
    if (!isMap(node)) continue;
    if (node.items.length > KEYS.size) {
      fail([{ ...lineOpt(lineOf(node)), message: 'a contact has at most an email, a name and admin' }]);
    }
    const keys = new Set<unknown>();
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (keys.has(key)) fail([{ ...lineOpt(lineOf(pair.key)), message: `"${String(key)}" is given twice` }]);
      keys.add(key);
    }
  }
  // values with their aliases resolved (a bounded number: an alias bomb is refused, not expanded)
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    fail([{ message: (err as Error).message.split('\n')[0] ?? 'not valid YAML' }]);
  }
  const listValue = Array.isArray(values) ? values : (values as { contacts?: unknown } | null)?.contacts;
  const items = list.items as Node[];
  return check(
    items.map((node, i) => {
      const line = lineOf(node);
      return {
        entry: Array.isArray(listValue) ? listValue[i] : undefined,
        where: line !== undefined ? { line } : { entry: i + 1 },
        line: line ?? i + 1,
      };
    }),
    (entryIndex, key) => {
      const node = items[entryIndex];
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      return pair ? lineOf(pair.value ?? pair.key) : undefined;
    },
  );
}

function lineOpt(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function check(
  entries: { entry: unknown; where: { line?: number; entry?: number }; line: number }[],
  lineOfKey: (entryIndex: number, key: string) => number | undefined,
): NamedContactEntry[] {
  const problems: FileProblem[] = [];
  if (entries.length > MAX_FILE_CONTACTS) {
    fail([{ message: `${entries.length} contacts; a file may list at most ${MAX_FILE_CONTACTS}` }]);
  }
  const out: NamedContactEntry[] = [];
  const seen = new Map<string, number>();
  entries.forEach(({ entry, where, line }, i) => {
    const at = (key?: string) => {
      const keyLine = key ? lineOfKey(i, key) : undefined;
      return keyLine !== undefined ? { line: keyLine } : where;
    };
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ ...where, message: 'each contact is a mapping with an email (and a name)' });
      return;
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!KEYS.has(key)) problems.push({ ...at(key), message: `unknown key "${key}" (email, name, admin)` });
    }
    const email = typeof record.email === 'string' ? record.email.trim().toLowerCase() : undefined;
    if (email === undefined || email === '') {
      problems.push({ ...where, message: 'an email is needed' });
      return;
    }
    if (email.length > 254 || !EMAIL.test(email)) {
      problems.push({ ...at('email'), message: `"${String(record.email).slice(0, 80)}" is not an email address` });
      return;
    }
    let name: string | null = null;
    if (record.name !== undefined && record.name !== null) {
      if (typeof record.name !== 'string' || record.name.trim().length > 200) {
        problems.push({ ...at('name'), message: 'a name is text of at most 200 characters' });
        return;
      }
      name = record.name.trim() || null;
    }
    if (record.admin !== undefined && typeof record.admin !== 'boolean') {
      problems.push({ ...at('admin'), message: 'admin is true or false' });
      return;
    }
    const first = seen.get(email);
    if (first !== undefined) {
      const firstAt = where.line !== undefined ? `line ${first}` : `entry ${first}`;
      problems.push({ ...where, message: `${email} is listed twice (first at ${firstAt})` });
      return;
    }
    seen.set(email, line);
    out.push({ email, name, admin: record.admin as boolean | undefined, line });
  });
  if (problems.length > 0) fail(problems);
  return out;
}
