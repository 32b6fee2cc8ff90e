/**
 * Slows password guessing without handing strangers a way to lock owners out. Only FAILED sign-ins
 * count; a success is never counted (and clears its account's failures).
 *
 * - Per address (IPv6: per /64): after `failuresPerAddress` failures within a minute, that address
 *   waits for the minute to end.
 * - Per account: the `freeFailures`-th failure locks the account for 4 s and each further one for
 *   twice as long as the last (8 s, 16 s … up to `maxLockSeconds`), so guessing slows down fast
 *   while a typo or two costs nothing. Failures are forgotten after a quiet `maxLockSeconds`.
 *   Browsers that signed in to the account before (known devices) are held by neither limit.
 *
 * Kept in memory: a restart forgets it, as it does the other rate limits.
 */
export interface SignInThrottleOptions {
  failuresPerAddress: number;
  freeFailures: number;
  maxLockSeconds: number;
}

export interface Refusal {
  scope: 'address' | 'username';
  seconds: number;
}

interface AccountFailures {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

const ADDRESS_WINDOW_MS = 60_000;
const FIRST_LOCK_SECONDS = 4;
/** Entries kept per map; past it the oldest go (a flood of made-up usernames cannot grow memory). */
const MAX_ENTRIES = 100_000;

export class SignInThrottle {
  private readonly accounts = new Map<string, AccountFailures>();
  private readonly addresses = new Map<string, { failures: number; windowStart: number }>();

  constructor(private readonly options: SignInThrottleOptions) {}

  /** Why this attempt must wait, or null to go ahead and check the password. */
  refusal(username: string, address: string, knownDevice: boolean, at = Date.now()): Refusal | null {
    const account = this.accounts.get(username.toLowerCase());
    if (!knownDevice && account && account.lockedUntil > at) return { scope: 'username', seconds: secondsUntil(account.lockedUntil, at) };
    const byAddress = this.addresses.get(address);
    // A shared address (a library, an office) held by others' failures still lets known browsers in.
    if (!knownDevice && byAddress && at - byAddress.windowStart < ADDRESS_WINDOW_MS && byAddress.failures >= this.options.failuresPerAddress) {
      return { scope: 'address', seconds: secondsUntil(byAddress.windowStart + ADDRESS_WINDOW_MS, at) };
    }
    return null;
  }

  recordFailure(username: string, address: string, at = Date.now()): void {
    const key = username.toLowerCase();
    const previous = this.accounts.get(key);
    const forgotten = !previous || at - previous.lastFailure > this.options.maxLockSeconds * 1000;
    const failures = forgotten ? 1 : previous.failures + 1;
    const extra = failures - this.options.freeFailures;
    const lockMs = extra >= 0 ? Math.min(FIRST_LOCK_SECONDS * 2 ** extra, this.options.maxLockSeconds) * 1000 : 0;
    remember(this.accounts, key, { failures, lockedUntil: at + lockMs, lastFailure: at });

    const byAddress = this.addresses.get(address);
    if (byAddress && at - byAddress.windowStart < ADDRESS_WINDOW_MS) byAddress.failures += 1;
    else remember(this.addresses, address, { failures: 1, windowStart: at });
  }

  recordSuccess(username: string): void {
    this.accounts.delete(username.toLowerCase());
  }
}

function secondsUntil(time: number, at: number): number {
  return Math.max(1, Math.ceil((time - at) / 1000));
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}
