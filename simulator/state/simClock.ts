/**
 * Simulated time: real time plus an offset the control API can push forward, so tests can jump over the order-list
 * delay, order completion, registration steps, cart expiry and availability rotation without waiting.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  /** Current simulated time in epoch milliseconds. */
  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Moves simulated time forward (never backwards). */
  advance(seconds: number): void {
    this.offsetMs += Math.max(0, seconds) * 1000;
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
