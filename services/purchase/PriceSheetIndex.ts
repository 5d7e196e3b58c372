import type { PriceSheetRow } from '../partnerCenter/priceSheet/priceSheetRows';

/** What to look up: a SKU, its term and billing, in one currency. */
export interface PriceLookup {
  productId: string;
  skuId: string;
  /** ISO 8601 term (`P1Y`, `P3Y`); absent for perpetual software (the sheet's `OneTime`). */
  termDuration?: string;
  /** The bot's billing cycle (`one_time`, `annual`, `monthly`); absent to take any. */
  billingCycle?: string;
  currency: string;
}

/** A price found in the sheet. */
export interface IndexedPrice {
  unitPrice: number;
  erpPrice?: number;
  currency: string;
  /** The sheet's BillingPlan of the row used (blank for perpetual software and reservations). */
  billingPlan: string;
  effectiveStart?: number;
  effectiveEnd?: number;
}

const INITIAL_CAPACITY = 1024;
/** A guard, not a limit any real sheet reaches: past it the download is refused rather than filling memory. */
export const MAX_INDEXED_PRICES = 2_000_000;

const BILLING_PLANS = ['ANNUAL', 'MONTHLY', 'TRIENNIAL'] as const;

/**
 * The prices of one price sheet, kept small: one entry per product, SKU, term, billing plan and currency, holding only
 * the unit price, estimated retail price and effective dates in typed arrays (no row objects, titles or descriptions),
 * so a 100,000-row sheet costs a few megabytes. Rows of the commercial segment only (the segment the bot buys in;
 * "Software subscriptions don't yet support these special segments", Pricing and offers).
 *
 * When a key appears twice (overlapping effective dates), the row in effect at `asOf` wins, else the one that starts
 * later: "Partners can rely on the latest date range unless the date ranges overlap" (Pricing and offers, effective
 * dates).
 */
export class PriceSheetIndex {
  private readonly slots = new Map<string, number>();
  private unitPrices: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private erpPrices: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private starts: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private ends: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private count = 0;
  /** Rows left out: another segment. */
  skipped = 0;

  constructor(private readonly asOf: number) {}

  /** How many prices the index holds. */
  get size(): number {
    return this.count;
  }

  /** Adds a row (see the class comment for duplicates and segments). */
  add(row: PriceSheetRow): void {
    if (!isCommercial(row.segment)) {
      this.skipped += 1;
      return;
    }
    const key = keyOf(row.productId, row.skuId, termOf(row.termDuration), billingOf(row.billingPlan), row.currency);
    const existing = this.slots.get(key);
    if (existing !== undefined) {
      if (this.keeps(existing, row)) return;
      this.write(existing, row);
      return;
    }
    if (this.count >= MAX_INDEXED_PRICES)
      throw new RangeError(`the price sheet has more than ${MAX_INDEXED_PRICES} prices`);
    if (this.count === this.unitPrices.length) this.grow();
    this.slots.set(key, this.count);
    this.write(this.count, row);
    this.count += 1;
  }

  /** Shrinks the arrays to what is used, once every row is in. */
  seal(): this {
    this.unitPrices = this.unitPrices.slice(0, this.count);
    this.erpPrices = this.erpPrices.slice(0, this.count);
    this.starts = this.starts.slice(0, this.count);
    this.ends = this.ends.slice(0, this.count);
    return this;
  }

  /**
   * The price of a SKU for a term in a currency. The billing plan asked for is tried first, then the others: the unit
   * price is for the whole term whatever the plan ("The UnitPrice amount is for the term being purchased", Pricing and
   * offers), so a one-time purchase of a term the sheet lists as Annual costs that Annual row's price.
   */
  find(lookup: PriceLookup): IndexedPrice | undefined {
    const term = termOf(lookup.termDuration ?? '');
    const wanted = lookup.billingCycle === undefined ? undefined : billingOf(lookup.billingCycle);
    const plans = [...new Set([...(wanted === undefined ? [] : [wanted]), '', ...BILLING_PLANS])];
    for (const plan of plans) {
      const slot = this.slots.get(keyOf(lookup.productId, lookup.skuId, term, plan, lookup.currency));
      if (slot === undefined) continue;
      const erp = this.erpPrices[slot];
      const start = this.starts[slot];
      const end = this.ends[slot];
      return {
        unitPrice: this.unitPrices[slot],
        currency: lookup.currency.toUpperCase(),
        billingPlan: plan,
        ...(Number.isNaN(erp) ? {} : { erpPrice: erp }),
        ...(Number.isNaN(start) ? {} : { effectiveStart: start }),
        ...(Number.isNaN(end) ? {} : { effectiveEnd: end }),
      };
    }
    return undefined;
  }

  /** Whether the row already in `slot` should stay rather than be replaced by `row`. */
  private keeps(slot: number, row: PriceSheetRow): boolean {
    const heldInEffect = inEffect(this.starts[slot], this.ends[slot], this.asOf);
    const newInEffect = inEffect(row.effectiveStart ?? Number.NaN, row.effectiveEnd ?? Number.NaN, this.asOf);
    if (heldInEffect !== newInEffect) return heldInEffect;
    const heldStart = Number.isNaN(this.starts[slot]) ? -Infinity : this.starts[slot];
    return heldStart >= (row.effectiveStart ?? -Infinity);
  }

  private write(slot: number, row: PriceSheetRow): void {
    this.unitPrices[slot] = row.unitPrice;
    this.erpPrices[slot] = row.erpPrice ?? Number.NaN;
    this.starts[slot] = row.effectiveStart ?? Number.NaN;
    this.ends[slot] = row.effectiveEnd ?? Number.NaN;
  }

  private grow(): void {
    const capacity = this.unitPrices.length * 2;
    const bigger = (array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const copy = new Float64Array(capacity);
      copy.set(array);
      return copy;
    };
    this.unitPrices = bigger(this.unitPrices);
    this.erpPrices = bigger(this.erpPrices);
    this.starts = bigger(this.starts);
    this.ends = bigger(this.ends);
  }
}

function inEffect(start: number, end: number, at: number): boolean {
  return (Number.isNaN(start) || start <= at) && (Number.isNaN(end) || at < end);
}

function isCommercial(segment: string): boolean {
  return segment === '' || segment.toLowerCase() === 'commercial';
}

/**
 * The key of a price. Joined from an array on purpose: a template literal builds a tree of string pieces that V8 keeps
 * as the Map's key, about three times the memory of the flat string `join` makes (41 MB against 14 MB for 150,000
 * keys, measured).
 */
function keyOf(productId: string, skuId: string, term: string, billing: string, currency: string): string {
  return [productId.trim().toUpperCase(), skuOf(skuId), term, billing, currency.trim().toUpperCase()].join('|');
}

/**
 * SKU ids are strings like `0001` or `000C`; a sheet opened and saved by a spreadsheet shows `0001` as `1` (the
 * "Software pricing" example lists SkuId `7`), so all-digit ids are compared without leading zeros.
 */
function skuOf(skuId: string): string {
  const id = skuId.trim().toUpperCase();
  return /^\d+$/.test(id) ? String(Number.parseInt(id, 10)) : id;
}

/**
 * The sheet's TermDuration in one spelling: `OneTime` (perpetual software) and blank are the same; `P1Y` and the
 * "1 Year" of reservation titles are the same.
 */
function termOf(term: string): string {
  const compact = term.replace(/[\s_-]/g, '').toUpperCase();
  if (compact === '' || compact === 'ONETIME' || compact === 'NONE' || compact === 'PERPETUAL') return 'ONETIME';
  const words = /^(\d+)(YEAR|YEARS|MONTH|MONTHS)$/.exec(compact);
  if (words) return `P${words[1]}${words[2].startsWith('YEAR') ? 'Y' : 'M'}`;
  return compact;
}

/** BillingPlan (`Annual`, `Monthly`, blank) or the bot's billing cycle (`one_time`, `annual`) in one spelling. */
function billingOf(billing: string): string {
  const compact = billing.replace(/[\s_-]/g, '').toUpperCase();
  if (compact === '' || compact === 'ONETIME' || compact === 'NONE') return '';
  return compact;
}
