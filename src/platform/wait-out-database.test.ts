import { describe, expect, it } from 'vitest';
import { waitOutDatabase } from './db.js';

// What node-postgres raises while the server restarts, and what a broken query raises
const restarting = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const broken = () => Object.assign(new Error('column "x" does not exist'), { code: '42703' });

describe('waitOutDatabase', () => {
  it('writes once the database is back', async () => {
    let calls = 0;
    const result = await waitOutDatabase(
      async () => {
        if (++calls < 3) throw restarting();
        return 'written';
      },
      5_000,
      1,
    );
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('does not wait on an error that waiting cannot cure', async () => {
    let calls = 0;
    await expect(
      waitOutDatabase(
        async () => {
          calls++;
          throw broken();
        },
        5_000,
        1,
      ),
    ).rejects.toThrow(/does not exist/);
    expect(calls).toBe(1);
  });

  it('gives up with the database error once the time is out', async () => {
    await expect(
      waitOutDatabase(
        async () => {
          throw restarting();
        },
        30,
        5,
      ),
    ).rejects.toThrow(/administrator command/);
  });
});
