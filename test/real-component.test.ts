import { expect, it } from 'vitest';
import { missingComponent } from './helpers/real-component.js';

// CI used to skip the corpus and IMAP tests in silence when ../shared or Dovecot was missing
// (issue 10, item 25): there, a missing real component fails the run.

it('a missing component skips its tests on a developer’s machine and fails the run in CI', () => {
  expect(missingComponent('Dovecot (IMAP)', undefined, { CI: 'true' })).toBe(false);
  expect(missingComponent('a component (this message is the test)', 'not installed', {})).toBe(true);
  expect(() => missingComponent('Dovecot (IMAP)', 'dovecot is not installed', { CI: 'true' })).toThrow(
    'CI needs Dovecot (IMAP), and it is missing: dovecot is not installed',
  );
});
