/**
 * A script that is refused (429) and asks again at once costs the server as much per refusal as an
 * ordinary read costs: hammering a limit flat out, one address took most of the event loop from
 * everyone else (issue 13's bench: an ordinary read's p99 7× its idle p99). So after a few
 * refusals within a minute, an address's further refusals are held a moment before they are sent:
 * a client that asks again only once answered slows to one attempt per hold and connection, while
 * a person who hits a limit once or twice hears at once (the answer is "not now" either way).
 *
 * Holding must not become a way to hoard the server's sockets: at most a few refusals are held at
 * once per address and overall; beyond that a refusal goes at once and closes its connection, so
 * a flood over many connections pays a new connection for every attempt.
 */
export const REFUSAL_HOLD = {
  /** Refusals within a minute answered at once, per address. */
  freePerMinute: 10,
  /** How long each further refusal waits before it is sent. */
  holdMs: 1_000,
  /** Refusals held at the same time for one address… */
  maxHeldPerAddress: 16,
  /** …and for all addresses together. */
  maxHeldTotal: 1_000,
} as const;

export interface RefusalPlan {
  /** Wait this long before sending the refusal (0: send it now). */
  holdMs: number;
  /** Close the connection after the refusal (too many are held already). */
  closeConnection: boolean;
  /** Call once the refusal has been sent. */
  release(): void;
}

interface AddressRefusals {
  count: number;
  windowStart: number;
  held: number;
}

const WINDOW_MS = 60_000;
/** Addresses remembered; past it the oldest go (made-up addresses cannot grow memory). */
const MAX_ADDRESSES = 100_000;
const NOTHING_TO_RELEASE = () => undefined;

export class RefusalHold {
  private readonly addresses = new Map<string, AddressRefusals>();
  private heldTotal = 0;

  /** How to send a refusal to `address` (records it). */
  plan(address: string, at = Date.now()): RefusalPlan {
    const refusals = this.countRefusal(address, at);
    if (refusals.count <= REFUSAL_HOLD.freePerMinute) return { holdMs: 0, closeConnection: false, release: NOTHING_TO_RELEASE };
    if (refusals.held >= REFUSAL_HOLD.maxHeldPerAddress || this.heldTotal >= REFUSAL_HOLD.maxHeldTotal) {
      return { holdMs: 0, closeConnection: true, release: NOTHING_TO_RELEASE };
    }
    refusals.held += 1;
    this.heldTotal += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      refusals.held -= 1;
      this.heldTotal -= 1;
    };
    return { holdMs: REFUSAL_HOLD.holdMs, closeConnection: false, release };
  }

  private countRefusal(address: string, at: number): AddressRefusals {
    const refusals = this.addresses.get(address) ?? { count: 0, windowStart: at, held: 0 };
    if (at - refusals.windowStart >= WINDOW_MS) Object.assign(refusals, { count: 0, windowStart: at });
    refusals.count += 1;
    // Updated in place (held refusals release this object); re-inserted so the oldest go first.
    this.addresses.delete(address);
    this.addresses.set(address, refusals);
    if (this.addresses.size > MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
    return refusals;
  }
}
