import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { parseNamedContactsFile } from './parse-named-contacts-file.js';

function problemsOf(body: unknown): string[] {
  try {
    parseNamedContactsFile(body);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NAMED_CONTACTS_FILE_INVALID');
    return (
      (err as AppError).details as { problems: { line?: number; entry?: number; message: string }[] }
    ).problems.map(
      (p) =>
        `${p.line !== undefined ? `line ${p.line}` : p.entry !== undefined ? `entry ${p.entry}` : 'file'}: ${p.message}`,
    );
  }
  return [];
}

describe('the named contacts file', () => {
  it("reads a GitLab contact management project's contacts.yaml: a list of name and email", () => {
    const text = [
      '# who may open tickets',
      '- name: Jane Doe',
      '  email: Jane@Example.com',
      '- name: John',
      '  email: john@example.com',
      '',
    ].join('\n');
    expect(parseNamedContactsFile(text)).toEqual([
      { email: 'jane@example.com', name: 'Jane Doe', admin: undefined, line: 2 },
      { email: 'john@example.com', name: 'John', admin: undefined, line: 4 },
    ]);
  });

  it('reads the list under "contacts:", with admin flags, and the same as JSON (entries numbered)', () => {
    const text =
      'contacts:\n  - email: jane@example.com\n    admin: true\n  - email: john@example.com\n    admin: false\n';
    expect(parseNamedContactsFile(text).map((e) => [e.email, e.admin, e.line])).toEqual([
      ['jane@example.com', true, 2],
      ['john@example.com', false, 4],
    ]);
    expect(parseNamedContactsFile({ contacts: [{ email: 'a@example.com', name: 'A' }] })).toEqual([
      { email: 'a@example.com', name: 'A', admin: undefined, line: 1 },
    ]);
    expect(problemsOf([{ email: 'a@example.com' }, { name: 'no email' }])).toEqual(['entry 2: an email is needed']);
  });

  it('an empty list is a file too: nobody is named', () => {
    expect(parseNamedContactsFile('contacts: []\n')).toEqual([]);
    expect(parseNamedContactsFile('[]')).toEqual([]);
  });

  it('reports every problem with its line', () => {
    const text = [
      '- email: jane@example.com', // 1
      '- name: Nobody', // 2
      '- email: not-an-address', // 3
      '  admin: yes please', // 4
      '- email: jane@example.com', // 5
      '- email: bob@example.com', // 6
      '  role: owner', // 7
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 2: an email is needed',
      'line 3: "not-an-address" is not an email address',
      'line 5: jane@example.com is listed twice (first at line 1)',
      'line 7: unknown key "role" (email, name, admin)',
    ]);
    expect(problemsOf('- email: a@example.com\n - name: [broken\n')[0]).toMatch(/^line 2: not valid YAML/);
    expect(problemsOf('people:\n  - email: a@example.com\n')).toEqual([
      'line 1: unknown key "people" (the list goes under "contacts:")',
    ]);
    expect(problemsOf('just text')).toEqual([
      'line 1: the file needs a list of contacts (a YAML list, or a list under "contacts:")',
    ]);
  });

  it('resolves aliases, but refuses an alias bomb instead of expanding it; at most 1,000 entries', () => {
    expect(parseNamedContactsFile('- &a {email: a@example.com}\n- email: b@example.com\n')).toHaveLength(2);
    const bomb = [
      '- &a ["x","x","x","x","x","x","x","x","x","x"]',
      '- &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      '- &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      '- &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '- [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    expect(problemsOf(bomb)[0]).toMatch(/alias/i);
    const many = Array.from({ length: 1001 }, (_, i) => `- email: p${i}@example.com`).join('\n');
    expect(problemsOf(many)).toEqual(['file: 1001 contacts; a file may list at most 1000']);
  });
});
