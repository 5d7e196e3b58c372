import { CUSTOMER_SEEDS } from './customerSeed';

/**
 * How much data the simulator holds beyond its fixed seed, so clients can be tried against a partner of real size
 * (thousands of customers, an invoice of 100,000 lines). Everything added is generated deterministically: the same
 * settings give the same data on every start.
 */
export interface SeedScale {
  /** Customers in all: the seeded ones (always present) plus generated ones up to this number. */
  customers: number;
  /** OneTime invoices per currency, two months apart back from the latest invoiced month. */
  oneTimeInvoicesPerCurrency: number;
  /** One-time line items of the newest OneTime invoice in USD, the partner's default currency. */
  newestInvoiceLineItems: number;
}

/** The seed as it has always been: 64 customers, six OneTime invoices per currency, 263 lines on the newest USD one. */
export const DEFAULT_SEED_SCALE: SeedScale = {
  customers: CUSTOMER_SEEDS.length,
  oneTimeInvoicesPerCurrency: 6,
  newestInvoiceLineItems: 263,
};

/**
 * Bounds of each setting. The upper ones keep a start within seconds and the simulator's memory within a few hundred
 * megabytes (a line item is about 2 KB as the simulator holds it).
 */
export const SEED_SCALE_LIMITS: Record<keyof SeedScale, { min: number; max: number }> = {
  customers: { min: CUSTOMER_SEEDS.length, max: 200_000 },
  oneTimeInvoicesPerCurrency: { min: 1, max: 120 },
  newestInvoiceLineItems: { min: 1, max: 500_000 },
};

/** The scale asked for, with defaults for what is not given; a value out of bounds throws a RangeError naming it. */
export function seedScaleOf(asked: Partial<SeedScale>): SeedScale {
  const scale: SeedScale = { ...DEFAULT_SEED_SCALE };
  for (const key of Object.keys(SEED_SCALE_LIMITS) as (keyof SeedScale)[]) {
    const value = asked[key];
    if (value === undefined) continue;
    const { min, max } = SEED_SCALE_LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${key} must be a whole number from ${min} to ${max}, not ${value}`);
    }
    scale[key] = value;
  }
  return scale;
}
