import type { StoreItem } from 'botbuilder';
import type { MessageKey, MessageValues } from '../../i18n/text';
import type { CheckoutSummary, CustomerDetails } from '../purchase/types';
import type { AtomicCreateStorage } from '../storage/AtomicCreateStorage';
import { changeStoredItem } from '../storage/changeStoredItem';
import { EtagConflictError } from '../storage/EtagConflictError';
import { type CartIdentity, checkoutKeyOf } from './cartIdentity';

/**
 * pending: claimed, not yet sent · submitted: sent to Partner Center, outcome unknown · done / failed: final (done
 * includes a partial outcome, see `isPartialOutcome`; a checkout answered with order errors only is failed) ·
 * unconfirmed: final for the bot — its budget ran out while Partner Center's answer was still unknown, so the person is
 * told to check before ordering again and nothing is sent any more.
 */
export type CheckoutState = 'pending' | 'submitted' | 'done' | 'failed' | 'unconfirmed';

/** States after which the bot sends nothing more for a cart. */
export const FINAL_STATES: ReadonlySet<CheckoutState> = new Set<CheckoutState>(['done', 'failed', 'unconfirmed']);

/** Where the outcome of a checkout must be shown: a conversation and the card to replace there. Opaque to the ledger. */
export interface OutcomeTarget {
  conversationReference: Record<string, unknown>;
  activityId: string;
  locale?: string;
}

/** One checkout of one cart: who asked, what, with which MS-RequestId, how far it got and how it ended. */
export interface CheckoutRecord {
  /** The ledger's name for this checkout: the cart id and a digest of the cart's identity (see `checkoutKeyOf`). */
  key: string;
  cartId: string;
  /** The cart this record is the outcome of; a cart with the same id but another identity is another checkout. */
  identity: CartIdentity;
  customer: CustomerDetails;
  user: { key: string; name?: string; tenantId?: string };
  /** What the cart holds, in words, for the audit trail and the duplicate guard. */
  item?: { productId: string; skuId: string; title?: string; quantity: number };
  /** The idempotency key of the checkout call; every retry and every resumption sends the same one. */
  requestId: string;
  correlationId: string;
  state: CheckoutState;
  /** Checkout calls made so far (each may include the client's own retries), across restarts and instances. */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** When the first checkout call was made: the start of the checkout's time budget. */
  firstAttemptAt?: string;
  result?: CheckoutSummary;
  /**
   * Why it failed: the English sentence (for logs, and shown as is in records written before keys were kept) and,
   * when the sentence comes from the catalog, its key and values so the card can say it in the reader's language.
   */
  failure?: { sentence: string; code?: string; key?: MessageKey; values?: MessageValues };
  target: OutcomeTarget;
  /** The final outcome has been shown to the user (or could not be, and the bot stopped trying; see `undelivered`). */
  delivered: boolean;
  /** Failed attempts to show the outcome; after too many the bot stops trying and says so in the log and audit trail. */
  deliveryAttempts?: number;
  undelivered?: boolean;
  /**
   * The last round stopped because the person must sign in (or consent again) before Partner Center can act for them;
   * the record stays `submitted`, to be resumed with the same MS-RequestId once they have. Cleared by the next round
   * that gets a token.
   */
  waitingForSignIn?: boolean;
  /** Which bot instance is working on the checkout, and until when; renewed while it works, taken over once expired. */
  lease?: { owner: string; until: string };
}

/** The fields a claim supplies; the ledger adds the key, state, counters and times. */
export type ClaimRequest = Omit<
  CheckoutRecord,
  'key' | 'state' | 'attempts' | 'createdAt' | 'updatedAt' | 'delivered' | 'firstAttemptAt'
>;

interface StoredRecord extends StoreItem {
  record: CheckoutRecord;
}

interface OpenIndex extends StoreItem {
  /** Ledger keys of the records not yet final and shown (older entries may be bare cart ids). */
  cartIds: string[];
}

interface CartIdMarker extends StoreItem {
  /** Every checkout key seen with this cart id, oldest first (normally exactly one). */
  keys: string[];
}

/** A claim made recently for a customer: what the duplicate guard compares a new purchase with. */
export interface RecentClaim {
  key: string;
  productId: string;
  skuId: string;
  quantity: number;
  at: string;
}

interface RecentIndex extends StoreItem {
  claims: RecentClaim[];
}

interface OrderIndexEntry extends StoreItem {
  /** The ledger key of the checkout that placed the order. */
  key: string;
}

const PREFIX = 'checkout-ledger';
const OPEN_INDEX_KEY = `${PREFIX}/open`;
const MAX_ATTEMPTS = 25;
/** The duplicate guard's memory per customer: enough for any window it is configured with, bounded in size. */
const RECENT_KEEP_MS = 14 * 86_400_000;
const RECENT_KEEP_COUNT = 100;

/** What `claim` found: this caller owns the checkout, or someone already does. */
export type ClaimResult = { claimed: true; record: CheckoutRecord } | { claimed: false; record: CheckoutRecord };

/**
 * True when Partner Center placed part of the cart and refused the rest (a 201 with both `orders` and `orderErrors`):
 * final like any `done`, and what was refused is in `result.problems`.
 */
export function isPartialOutcome(record: CheckoutRecord): boolean {
  return (
    record.state === 'done' && (record.result?.orders.length ?? 0) > 0 && (record.result?.problems.length ?? 0) > 0
  );
}

/** True when a record needs nothing more: its outcome is final and was shown (or given up on). */
export function isSettled(record: CheckoutRecord): boolean {
  return record.delivered && FINAL_STATES.has(record.state);
}

/**
 * The checkout ledger: one record per cart (and cart identity) in the state storage, created atomically before
 * checkout so that exactly one turn — on any bot instance — performs it. Every other click, redelivery or instance finds
 * the record and shows the same outcome; records not yet finished or not yet shown are listed for recovery after a
 * restart.
 */
export class CheckoutLedger {
  constructor(
    private readonly storage: AtomicCreateStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private storageKey(key: string): string {
    return `${PREFIX}/carts/${key}`;
  }

  /** Creates the cart's record in state `pending` unless one exists; only the creator may check the cart out. */
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const at = new Date(this.now()).toISOString();
    const record: CheckoutRecord = {
      ...request,
      key: checkoutKeyOf(request.cartId, request.identity),
      state: 'pending',
      attempts: 0,
      createdAt: at,
      updatedAt: at,
      delivered: false,
    };
    // Listed as open first: a crash right after the claim must still be found by recovery.
    await this.changeIndex((ids) => (ids.includes(record.key) ? ids : [...ids, record.key]));
    const created = await this.storage.createIfAbsent(this.storageKey(record.key), { record } satisfies StoredRecord);
    if (created) return { claimed: true, record };
    const existing = await this.get(record.key);
    if (!existing) throw new Error(`CheckoutLedger: record of cart ${record.cartId} vanished.`);
    // A late click on a settled cart must not leave it listed as open (the listing above was only for the creator).
    if (isSettled(existing)) await this.changeIndex((ids) => ids.filter((id) => id !== existing.key));
    return { claimed: false, record: existing };
  }

  /**
   * Remembers that this checkout used its cart id, and returns the key of an earlier checkout with the same cart id but
   * another identity — a record that must never be taken as this cart's outcome.
   */
  async earlierUseOfCartId(record: CheckoutRecord): Promise<string | undefined> {
    let earlier: string | undefined;
    await changeStoredItem<CartIdMarker>(this.storage, this.cartIdKey(record.cartId), { keys: [] }, (marker) => {
      earlier = marker.keys.find((key) => key !== record.key);
      return marker.keys.includes(record.key) ? marker : { keys: [...marker.keys, record.key].slice(-20) };
    });
    return earlier;
  }

  /** Every checkout recorded for a cart id (normally one), oldest first. */
  async recordsOfCart(cartId: string): Promise<CheckoutRecord[]> {
    const markerKey = this.cartIdKey(cartId);
    const marker = (await this.storage.read([markerKey]))[markerKey] as CartIdMarker | undefined;
    const records = await Promise.all((marker?.keys ?? []).map((key) => this.get(key)));
    return records.filter((r): r is CheckoutRecord => r !== undefined);
  }

  /**
   * The checkout that placed an order, found by the order id Partner Center gave it (any case), with the customer it
   * was for: how `order <id>` finds an order this bot placed whatever customer the person used last. Undefined for an
   * order this bot didn't place (or placed before the index existed).
   */
  async recordOfOrder(orderId: string): Promise<CheckoutRecord | undefined> {
    const indexKey = this.orderKey(orderId);
    const entry = (await this.storage.read([indexKey]))[indexKey] as OrderIndexEntry | undefined;
    if (!entry?.key) return undefined;
    const record = await this.get(entry.key);
    // The index is written before its record; a record that doesn't (yet) name the order is not its outcome.
    const wanted = orderId.toLowerCase();
    return record?.result?.orders.some((order) => order.id.toLowerCase() === wanted) ? record : undefined;
  }

  /** Adds a claim to its customer's recent claims, for the duplicate guard. */
  async rememberRecent(record: CheckoutRecord): Promise<void> {
    if (!record.item) return;
    const claim: RecentClaim = {
      key: record.key,
      productId: record.item.productId,
      skuId: record.item.skuId,
      quantity: record.item.quantity,
      at: record.createdAt,
    };
    const cutoff = this.now() - RECENT_KEEP_MS;
    await changeStoredItem<RecentIndex>(this.storage, this.recentKey(record.customer.id), { claims: [] }, (index) => ({
      claims: [...index.claims.filter((c) => c.key !== claim.key && Date.parse(c.at) >= cutoff), claim].slice(
        -RECENT_KEEP_COUNT,
      ),
    }));
  }

  /** The customer's claims since `sinceMs` (epoch ms) with their records, newest first. */
  async recentClaims(customerId: string, sinceMs: number): Promise<CheckoutRecord[]> {
    const key = this.recentKey(customerId);
    const index = (await this.storage.read([key]))[key] as RecentIndex | undefined;
    const keys = (index?.claims ?? [])
      .filter((c) => Date.parse(c.at) >= sinceMs)
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((c) => c.key);
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys.map((k) => this.storageKey(k)));
    return keys
      .map((k) => (items[this.storageKey(k)] as StoredRecord | undefined)?.record)
      .filter((r): r is CheckoutRecord => r !== undefined);
  }

  async get(key: string): Promise<CheckoutRecord | undefined> {
    const storageKey = this.storageKey(key);
    return withKey(((await this.storage.read([storageKey]))[storageKey] as StoredRecord | undefined)?.record, key);
  }

  /** Applies a change to a record with optimistic concurrency, retrying on conflicts; returns the saved record. */
  async update(key: string, change: (record: CheckoutRecord) => Partial<CheckoutRecord>): Promise<CheckoutRecord> {
    const storageKey = this.storageKey(key);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([storageKey]))[storageKey] as StoredRecord | undefined;
      const current = withKey(stored?.record, key);
      if (!stored || !current) throw new Error(`CheckoutLedger: no record for ${key}.`);
      const next: CheckoutRecord = {
        ...current,
        ...change(current),
        updatedAt: new Date(this.now()).toISOString(),
      };
      // Indexed before the record is saved, like the open index in `claim`: a crash in between leaves an entry that
      // `recordOfOrder` checks against the record, never an order the index can't find.
      await this.indexNewOrders(key, current, next);
      try {
        await this.storage.write({ [storageKey]: { record: next, eTag: stored.eTag } satisfies StoredRecord });
        if (isSettled(next)) await this.changeIndex((ids) => ids.filter((id) => id !== key));
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
  async lease(key: string, owner: string, durationMs: number): Promise<CheckoutRecord | undefined> {
    let taken = false;
    const record = await this.update(key, (r) => {
      const held = r.lease && r.lease.owner !== owner && Date.parse(r.lease.until) > this.now();
      taken = !held;
      return held ? {} : { lease: { owner, until: new Date(this.now() + durationMs).toISOString() } };
    });
    return taken ? record : undefined;
  }

  /** Records that are not finished, or whose outcome was not shown yet: what recovery must resume. */
  async open(): Promise<CheckoutRecord[]> {
    const index = (await this.storage.read([OPEN_INDEX_KEY]))[OPEN_INDEX_KEY] as OpenIndex | undefined;
    const keys = index?.cartIds ?? [];
    if (keys.length === 0) return [];
    const items = await this.storage.read(keys.map((k) => this.storageKey(k)));
    return keys
      .map((k) => withKey((items[this.storageKey(k)] as StoredRecord | undefined)?.record, k))
      .filter((r): r is CheckoutRecord => r !== undefined && !isSettled(r));
  }

  private async indexNewOrders(key: string, before: CheckoutRecord, after: CheckoutRecord): Promise<void> {
    const known = new Set((before.result?.orders ?? []).map((order) => order.id.toLowerCase()));
    const placed = (after.result?.orders ?? []).filter((order) => !known.has(order.id.toLowerCase()));
    if (placed.length === 0) return;
    // Unconditional writes: an order id is placed by exactly one checkout, so every writer writes the same entry.
    await this.storage.write(
      Object.fromEntries(placed.map((order) => [this.orderKey(order.id), { key } satisfies OrderIndexEntry])),
    );
  }

  private orderKey(orderId: string): string {
    return `${PREFIX}/orders/${orderId.toLowerCase()}`;
  }

  private cartIdKey(cartId: string): string {
    return `${PREFIX}/cart-ids/${cartId.toLowerCase()}`;
  }

  private recentKey(customerId: string): string {
    return `${PREFIX}/recent/${customerId.toLowerCase()}`;
  }

  private changeIndex(change: (ids: string[]) => string[]): Promise<void> {
    return changeStoredItem<OpenIndex>(this.storage, OPEN_INDEX_KEY, { cartIds: [] }, (index) => {
      const before = index.cartIds;
      const after = change(before);
      const same = after.length === before.length && after.every((id, i) => id === before[i]);
      return same ? index : { cartIds: after };
    });
  }
}

/** Records written before keys existed carry none: their key is where they were found. */
function withKey(record: CheckoutRecord | undefined, key: string): CheckoutRecord | undefined {
  return record && !record.key ? { ...record, key } : record;
}
