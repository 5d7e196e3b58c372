import { knownOr } from './wireValues';

/** Billing cycle values as they appear in bodies (snake_case). */
export const BILLING_CYCLES = ['unknown', 'monthly', 'annual', 'none', 'one_time', 'triennial', 'biennial'] as const;

/** A billing cycle read from the wire; unknown values are kept as strings. */
export const billingCycleSchema = knownOr(BILLING_CYCLES);

/** A billing cycle the bot can send in a cart line item. */
export type BillingCycle = (typeof BILLING_CYCLES)[number];
