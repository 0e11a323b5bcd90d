import { expect, it } from 'vitest';
import { clientOf } from './smtp-listener.js';

it('counts an IPv6 /64 as one client, and IPv4 addresses one by one', () => {
  expect(clientOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
  expect(clientOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
  expect(clientOf('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
  expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(clientOf('::1')).toBe('0:0:0:0::/64');
  expect(clientOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
  expect(clientOf('203.0.113.5')).toBe('203.0.113.5');
});
