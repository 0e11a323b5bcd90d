import { expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

it('stores passwords as salted argon2id and verifies them', async () => {
  const hash = await hashPassword('correct horse battery');
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(hash).not.toBe(await hashPassword('correct horse battery')); // salted
  expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
  expect(await verifyPassword(hash, 'correct horse batterz')).toBe(false);
  expect(await verifyPassword('not a hash', 'x')).toBe(false);
});

it('refuses short passwords', async () => {
  await expect(hashPassword('short')).rejects.toThrow('at least 12 characters');
});
