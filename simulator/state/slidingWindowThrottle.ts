const WINDOW_MS = 60_000;

/** The outcome of asking the throttle for permission. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-partner sliding one-minute window over the throttled operations: at most `limitPerMinute` accepted calls in any
 * 60 s of simulated time. Rejected calls don't count.
 */
export class SlidingWindowThrottle {
  private accepted: number[] = [];

  constructor(private readonly limitPerMinute: number) {}

  /** Admits the call (recording it) or says how long to wait until the oldest call leaves the window. */
  admit(now: number): ThrottleDecision {
    this.accepted = this.accepted.filter((at) => at > now - WINDOW_MS);
    if (this.accepted.length < this.limitPerMinute) {
      this.accepted.push(now);
      return { allowed: true };
    }
    const oldest = this.accepted[0];
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
  }

  /** Empties the window (control API reset). */
  clear(): void {
    this.accepted = [];
  }
}
