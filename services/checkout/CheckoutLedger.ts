import type { StoreItem } from 'botbuilder';
import type { CheckoutSummary, CustomerDetails } from '../purchase/types';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { EtagConflictError } from '../storage/EtagConflictError';

/** pending: claimed, not yet sent · submitted: sent to Partner Center, outcome unknown · done / failed: final. */
export type CheckoutState = 'pending' | 'submitted' | 'done' | 'failed';

/** Where the outcome of a checkout must be shown: a conversation and the card to replace there. Opaque to the ledger. */
export interface OutcomeTarget {
  conversationReference: Record<string, unknown>;
  activityId: string;
  locale?: string;
}

/** One checkout of one cart: who asked, what, with which MS-RequestId, how far it got and how it ended. */
export interface CheckoutRecord {
  cartId: string;
  customer: CustomerDetails;
  user: { key: string; name?: string; tenantId?: string };
  /** The idempotency key of the checkout call; every retry and every resumption sends the same one. */
  requestId: string;
  correlationId: string;
  state: CheckoutState;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  result?: CheckoutSummary;
  failure?: { sentence: string; code?: string };
  target: OutcomeTarget;
  /** The final outcome has been shown to the user. */
  delivered: boolean;
  /**
   * The last round stopped because the person must sign in (or consent again) before Partner Center can act for them;
   * the record stays `submitted`, to be resumed with the same MS-RequestId once they have. Cleared by the next round
   * that gets a token.
   */
  waitingForSignIn?: boolean;
  /** Which bot instance is working on the checkout, and until when; others leave it alone until it expires. */
  lease?: { owner: string; until: string };
}

interface StoredRecord extends StoreItem {
  record: CheckoutRecord;
}

interface OpenIndex extends StoreItem {
  cartIds: string[];
}

const OPEN_INDEX_KEY = 'checkout-ledger/open';
const MAX_ATTEMPTS = 25;

/** What `claim` found: this caller owns the checkout, or someone already does. */
export type ClaimResult = { claimed: true; record: CheckoutRecord } | { claimed: false; record: CheckoutRecord };

/**
 * The checkout ledger: one record per cart in the state storage, created atomically before checkout so that exactly one
 * turn — on any bot instance — performs it. Every other click, redelivery or instance finds the record and shows the
 * same outcome; records not yet finished or not yet shown are listed for recovery after a restart.
 */
export class CheckoutLedger {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private key(cartId: string): string {
    return `checkout-ledger/carts/${cartId}`;
  }

  /** Creates the cart's record in state `pending` unless one exists; only the creator may check the cart out. */
  async claim(
    request: Omit<CheckoutRecord, 'state' | 'attempts' | 'createdAt' | 'updatedAt' | 'delivered'>,
  ): Promise<ClaimResult> {
    const at = new Date(this.now()).toISOString();
    const record: CheckoutRecord = {
      ...request,
      state: 'pending',
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      delivered: false,
    };
    // Listed as open first: a crash right after the claim must still be found by recovery.
    await this.changeIndex((ids) => (ids.includes(record.cartId) ? ids : [...ids, record.cartId]));
    const created = await this.storage.createIfAbsent(this.key(record.cartId), { record } satisfies StoredRecord);
    if (created) return { claimed: true, record };
    const existing = await this.get(record.cartId);
    if (!existing) throw new Error(`CheckoutLedger: record of cart ${record.cartId} vanished.`);
    // A late click on a settled cart must not leave it listed as open (the listing above was only for the creator).
    if (existing.delivered && (existing.state === 'done' || existing.state === 'failed')) {
      await this.changeIndex((ids) => ids.filter((id) => id !== existing.cartId));
    }
    return { claimed: false, record: existing };
  }

  async get(cartId: string): Promise<CheckoutRecord | undefined> {
    const key = this.key(cartId);
    return ((await this.storage.read([key]))[key] as StoredRecord | undefined)?.record;
  }

  /** Applies a change to a record with optimistic concurrency, retrying on conflicts; returns the saved record. */
  async update(cartId: string, change: (record: CheckoutRecord) => Partial<CheckoutRecord>): Promise<CheckoutRecord> {
    const key = this.key(cartId);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([key]))[key] as StoredRecord | undefined;
      if (!stored) throw new Error(`CheckoutLedger: no record for cart ${cartId}.`);
      const next: CheckoutRecord = {
        ...stored.record,
        ...change(stored.record),
        updatedAt: new Date(this.now()).toISOString(),
      };
      try {
        await this.storage.write({ [key]: { record: next, eTag: stored.eTag } satisfies StoredRecord });
        if (next.delivered && (next.state === 'done' || next.state === 'failed')) {
          await this.changeIndex((ids) => ids.filter((id) => id !== cartId));
        }
        return next;
      } catch (error) {
        // Only a lost race is worth another go; any other failure is real and goes to the caller.
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /**
   * Takes (or renews) the lease on a record for `owner`, unless another owner's lease is still running; returns the
   * leased record, or undefined when someone else is working on it.
   */
  async lease(cartId: string, owner: string, durationMs: number): Promise<CheckoutRecord | undefined> {
    let taken = false;
    const record = await this.update(cartId, (r) => {
      const held = r.lease && r.lease.owner !== owner && Date.parse(r.lease.until) > this.now();
      taken = !held;
      return held ? {} : { lease: { owner, until: new Date(this.now() + durationMs).toISOString() } };
    });
    return taken ? record : undefined;
  }

  /** Records that are not finished, or whose outcome was not shown yet: what recovery must resume. */
  async open(): Promise<CheckoutRecord[]> {
    const index = (await this.storage.read([OPEN_INDEX_KEY]))[OPEN_INDEX_KEY] as OpenIndex | undefined;
    const ids = index?.cartIds ?? [];
    if (ids.length === 0) return [];
    const items = await this.storage.read(ids.map((id) => this.key(id)));
    return ids
      .map((id) => (items[this.key(id)] as StoredRecord | undefined)?.record)
      .filter(
        (r): r is CheckoutRecord => r !== undefined && !(r.delivered && (r.state === 'done' || r.state === 'failed')),
      );
  }

  private async changeIndex(change: (ids: string[]) => string[]): Promise<void> {
    await this.storage.createIfAbsent(OPEN_INDEX_KEY, { cartIds: [] } satisfies OpenIndex);
    for (let attempt = 1; ; attempt += 1) {
      const index = (await this.storage.read([OPEN_INDEX_KEY]))[OPEN_INDEX_KEY] as OpenIndex | undefined;
      const before = index?.cartIds ?? [];
      const after = change(before);
      if (after === before || (after.length === before.length && after.every((id, i) => id === before[i]))) return;
      try {
        await this.storage.write({
          [OPEN_INDEX_KEY]: { cartIds: after, eTag: index?.eTag ?? '*' } satisfies OpenIndex,
        });
        return;
      } catch (error) {
        // Only a lost race is worth another go; any other failure is real and goes to the caller.
        if (!(error instanceof EtagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }
}
