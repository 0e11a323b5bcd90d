import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { checkCode, codeAt, newTotpSecret, stepAt, totpUri } from './totp.js';

// RFC 6238, Appendix B: the SHA1 key is the ASCII string "12345678901234567890", codes of 8 digits,
// a 30-second step from the Unix epoch.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890');
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)("gives RFC 6238's code at %i s", (seconds, code) => {
    expect(codeAt(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
    // and checks it back, through the same configuration
    expect(checkCode({ secret: RFC_SECRET, code, at: new Date(seconds * 1000), lastStep: null, digits: 8 })).toEqual({
      ok: true,
      step: Math.floor(seconds / 30),
    });
  });

  it('makes six-digit codes from a new 160-bit base32 secret, and an otpauth:// address apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 32 base32 characters
    expect(codeAt(secret, new Date('2026-12-06T09:00:00Z'))).toMatch(/^\d{6}$/);
    const uri = new URL(totpUri(secret, 'ana@desk.example'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Pipefitter:ana@desk.example');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Pipefitter',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('accepts the code of one step before or after (a clock a little off), not two', () => {
    const secret = newTotpSecret();
    // 09:00:00 is the start of a step; 30 s earlier is the step before
    const now = new Date('2026-12-06T09:00:00Z');
    const check = (codeTime: string) =>
      checkCode({ secret, code: codeAt(secret, new Date(codeTime)), at: now, lastStep: null });
    expect(check('2026-12-06T08:59:59Z')).toEqual({ ok: true, step: stepAt(now) - 1 });
    expect(check('2026-12-06T09:00:29Z')).toEqual({ ok: true, step: stepAt(now) });
    expect(check('2026-12-06T09:00:31Z')).toEqual({ ok: true, step: stepAt(now) + 1 });
    expect(check('2026-12-06T08:59:29Z')).toEqual({ ok: false, reason: 'wrong' }); // two steps before
    expect(check('2026-12-06T09:01:01Z')).toEqual({ ok: false, reason: 'wrong' }); // two steps after
  });

  it('refuses a code replayed within its step, or one older than the last accepted', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-12-06T09:00:10Z');
    const code = codeAt(secret, at);
    const first = checkCode({ secret, code, at, lastStep: null });
    expect(first.ok).toBe(true);
    const step = (first as { step: number }).step;
    // the same code again, ten seconds later: the attacker's replay
    expect(checkCode({ secret, code, at: new Date('2026-12-06T09:00:20Z'), lastStep: step })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    // the previous step's code, still inside the window, after this one was used
    const older = codeAt(secret, new Date('2026-12-06T08:59:50Z'));
    expect(checkCode({ secret, code: older, at, lastStep: step })).toEqual({ ok: false, reason: 'replayed' });
    // the next step's code is fine
    const next = new Date('2026-12-06T09:00:31Z');
    expect(checkCode({ secret, code: codeAt(secret, next), at: next, lastStep: step })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('refuses what is not a code of the right length', () => {
    const secret = newTotpSecret();
    const at = new Date('2026-12-06T09:00:10Z');
    const code = codeAt(secret, at);
    expect(checkCode({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, at, lastStep: null }).ok).toBe(true);
    for (const bad of ['', '12345', '1234567', 'abcdef', code.slice(0, 5)]) {
      expect(checkCode({ secret, code: bad, at, lastStep: null })).toEqual({ ok: false, reason: 'wrong' });
    }
  });
});
