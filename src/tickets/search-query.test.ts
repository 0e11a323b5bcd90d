import { describe, expect, it } from 'vitest';
import { readSearchQuery } from './search-query.js';

describe('what a search means', () => {
  it.each([
    ['#253', { ticketNumber: 253, issue: { itemKind: 'issue', number: 253 }, text: '253' }],
    ['253', { ticketNumber: 253, text: '253' }],
    [' 253 ', { ticketNumber: 253, text: '253' }],
    ['!7', { issue: { itemKind: 'change', number: 7 }, text: null }],
    [
      'gitlab-org/gitlab#42',
      { issue: { itemKind: 'issue', number: 42, project: 'gitlab-org/gitlab' }, text: 'gitlab-org/gitlab#42' },
    ],
    ['pipefitter!9', { issue: { itemKind: 'change', number: 9, project: 'pipefitter' }, text: 'pipefitter!9' }],
    [
      'https://gitlab.example/group/app/-/issues/7',
      {
        issue: { url: 'https://gitlab.example/group/app/-/issues/7' },
        text: 'https://gitlab.example/group/app/-/issues/7',
      },
    ],
    ['Lena@Acme.example', { email: 'lena@acme.example', text: 'Lena@Acme.example' }],
    ['Ada Lovelace', { name: 'Ada Lovelace', text: 'Ada Lovelace' }],
    ["O'Brien & Sons", { name: "O'Brien & Sons", text: "O'Brien & Sons" }],
    ['"connection refused" -postgres', { text: '"connection refused" -postgres' }],
    ['0', { text: '0' }],
  ])('%s', (q, intent) => {
    expect(readSearchQuery(q)).toEqual(intent);
  });
});
