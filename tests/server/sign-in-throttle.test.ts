import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../server/features/auth/sign-in-throttle';

const options = { failuresPerAddress: 5, freeFailures: 5, maxLockSeconds: 900 };

describe('SignInThrottle', () => {
  it('locks an account for twice as long with each failure past the free ones, up to the ceiling', () => {
    const throttle = new SignInThrottle({ ...options, failuresPerAddress: 1_000 });
    let at = 0;
    const locks: number[] = [];
    for (let failure = 1; failure <= 16; failure++) {
      throttle.recordFailure('victim', `10.0.0.${failure}`, at);
      const refusal = throttle.refusal('victim', '10.9.9.9', false, at);
      locks.push(refusal?.seconds ?? 0);
      at += (refusal?.seconds ?? 0) * 1000; // the next guess comes as soon as the lock allows
    }
    expect(locks).toEqual([0, 0, 0, 0, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('does not hold a known device, and a success clears the account', () => {
    const throttle = new SignInThrottle(options);
    for (let failure = 1; failure <= 6; failure++) throttle.recordFailure('victim', `10.0.0.${failure}`, 0);
    expect(throttle.refusal('victim', '10.0.1.1', false, 0)).toEqual({ scope: 'username', seconds: 8 });
    expect(throttle.refusal('victim', '10.0.1.1', true, 0)).toBeNull();
    throttle.recordSuccess('VICTIM');
    expect(throttle.refusal('victim', '10.0.1.1', false, 0)).toBeNull();
  });

  it('lets a known browser sign in from an address held by others\' failures (a library, an office)', () => {
    const throttle = new SignInThrottle(options);
    for (let failure = 1; failure <= 5; failure++) throttle.recordFailure(`someone${failure}`, '10.0.0.1', 1_000);
    expect(throttle.refusal('librarian', '10.0.0.1', false, 2_000)?.scope).toBe('address');
    expect(throttle.refusal('librarian', '10.0.0.1', true, 2_000)).toBeNull();
  });

  it('holds an address after its failures for the rest of the minute, whatever the username', () => {
    const throttle = new SignInThrottle(options);
    for (let failure = 1; failure <= 5; failure++) throttle.recordFailure(`someone${failure}`, '10.0.0.1', 1_000);
    expect(throttle.refusal('another', '10.0.0.1', false, 11_000)).toEqual({ scope: 'address', seconds: 50 });
    expect(throttle.refusal('another', '10.0.0.2', false, 11_000)).toBeNull();
    expect(throttle.refusal('another', '10.0.0.1', false, 61_000)).toBeNull();
  });

  it('forgets failures after a quiet spell as long as the longest lock', () => {
    const throttle = new SignInThrottle(options);
    for (let failure = 1; failure <= 5; failure++) throttle.recordFailure('victim', `10.0.0.${failure}`, 0);
    throttle.recordFailure('victim', '10.0.0.9', 901_000);
    expect(throttle.refusal('victim', '10.0.1.1', false, 901_000)).toBeNull();
  });
});
