import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path.js';

describe('safeReturnPath', () => {
  it('keeps a path on the desk, with its query and fragment', () => {
    expect(safeReturnPath('/tickets/12')).toBe('/tickets/12');
    expect(safeReturnPath('/views/mine?sort=due#top')).toBe('/views/mine?sort=due#top');
    // resolved as a browser would: dot segments cannot climb above the desk
    expect(safeReturnPath('/a/../../tickets/3')).toBe('/tickets/3');
  });

  it('sends anything that could leave the desk to the inbox', () => {
    for (const raw of [
      '//evil.example',
      '//evil.example/tickets',
      '/..//evil.example',
      '/a/../..//evil.example',
      'https://evil.example',
      'http://desk.invalid/tickets',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'tickets/12',
      '',
      undefined,
      ['/tickets/1'],
      `/${'x'.repeat(1000)}`,
    ]) {
      expect(safeReturnPath(raw), String(raw)).toBe('/');
    }
  });
});
