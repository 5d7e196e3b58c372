import type { CartError } from '../partnerCenter/schemas/cart';
import type { LineProblem } from './types';

interface LineErrorEntry {
  name: string;
  sentence: string;
}

const STALE = 'The offer in this line changed in the catalog; choose the product again to use the current offer.';

// CartErrorCode (CONTRACT §7.0): the wire sends either the number or the snake_case name, so both are looked up.
const LINE_ERRORS: Readonly<Record<number, LineErrorEntry>> = {
  0: { name: 'unknown', sentence: 'Partner Center reported an unspecified problem with this line; try again.' },
  10000: {
    name: 'currency_is_not_supported',
    sentence: "This product can't be bought in the customer's currency.",
  },
  10001: { name: 'catalog_item_id_is_not_valid', sentence: STALE },
  10002: {
    name: 'quota_not_available',
    sentence: "There isn't enough quota for this product right now; try a smaller quantity or try again later.",
  },
  10003: {
    name: 'inventory_not_available',
    sentence:
      "There's no capacity for this reservation in that region for this subscription; choose another region, VM size or subscription.",
  },
  10004: {
    name: 'participants_is_not_supported_for_partner',
    sentence: "An indirect reseller can't be named on this purchase; remove the reseller and try again.",
  },
  10006: {
    name: 'unable_to_process_cart_line_item',
    sentence: "Partner Center couldn't process this line; remove it and add the product again.",
  },
  10007: {
    name: 'subscription_is_not_valid',
    sentence: "That Azure subscription isn't valid for this purchase; choose another subscription.",
  },
  10008: {
    name: 'subscription_is_not_enabled_for_ri',
    sentence: "That Azure subscription isn't enabled for reservations; register it or choose another subscription.",
  },
  10009: { name: 'sandbox_limit_exceeded', sentence: 'The sandbox purchase limit has been reached.' },
  10010: {
    name: 'invalid_input',
    sentence: 'Partner Center found invalid details in this line; add the product again.',
  },
  10011: {
    name: 'subscription_not_registered',
    sentence:
      "That Azure subscription isn't registered for reservation purchases yet; register it and wait until it shows Registered.",
  },
  10012: {
    name: 'attestation_not_accepted',
    sentence: 'This product needs its attestation accepted before it can be bought; accept it and try again.',
  },
  10013: { name: 'billing_plan_not_supported', sentence: "This billing plan isn't available for this product." },
  10014: { name: 'invalid_promotion_id', sentence: "The promotion on this line isn't valid; remove it and try again." },
  10015: {
    name: 'max_allowed_seats_per_subscription_exceeded',
    sentence: 'This quantity goes over the most allowed for one subscription; lower the quantity.',
  },
  10016: {
    name: 'invalid_custom_term_end_date_product',
    sentence: "This product doesn't allow a custom term end date.",
  },
  10017: { name: 'invalid_custom_term_end_date', sentence: "The custom term end date isn't valid." },
  10018: {
    name: 'base_offer_seat_quantity_not_met',
    sentence: "The customer doesn't have enough of the base product for this quantity.",
  },
  10019: { name: 'minimum_add_on_seats_not_met', sentence: 'This add-on needs a higher quantity.' },
  500600: {
    name: 'legacy_offer_not_eligible_for_purchase',
    sentence: "This older offer can't be bought any more; choose the current product.",
  },
};

const BY_COMPACT_NAME = new Map(
  Object.entries(LINE_ERRORS).map(([code, entry]) => [compact(entry.name), Number(code)] as const),
);

/** The line error code (as a number) behind a wire `errorCode`, whichever form it came in. */
export function cartLineErrorNumber(errorCode: string): number | undefined {
  const trimmed = errorCode.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return BY_COMPACT_NAME.get(compact(trimmed));
}

/**
 * Turns a cart line's `error` into a problem for the confirmation card: the code in its snake_case name (the form the
 * service sends and dialogs can branch on) and one sentence the user can act on.
 */
export function describeCartLineError(error: CartError): LineProblem {
  const number = cartLineErrorNumber(error.errorCode);
  const entry = number === undefined ? undefined : LINE_ERRORS[number];
  if (!entry) {
    return {
      code: error.errorCode,
      sentence: 'Partner Center reported a problem with this line; remove it or contact support with the code.',
    };
  }
  return { code: entry.name, sentence: entry.sentence };
}

function compact(name: string): string {
  return name.replace(/[_\s-]/g, '').toLowerCase();
}
