import { textFor, type MessageKey } from '../../i18n/text';
import type { CartError } from '../partnerCenter/schemas/cart';
import type { LineProblem } from './types';

const ENGLISH = textFor('en-US');

interface LineErrorEntry {
  name: string;
  message: MessageKey;
}

// CartErrorCode (CONTRACT §7.0): the wire sends either the number or the snake_case name, so both are looked up.
const LINE_ERRORS: Readonly<Record<number, LineErrorEntry>> = {
  0: { name: 'unknown', message: 'line.unknown' },
  10000: { name: 'currency_is_not_supported', message: 'line.currency' },
  10001: { name: 'catalog_item_id_is_not_valid', message: 'line.stale' },
  10002: { name: 'quota_not_available', message: 'line.quota' },
  10003: { name: 'inventory_not_available', message: 'line.inventory' },
  10004: { name: 'participants_is_not_supported_for_partner', message: 'line.participants' },
  10006: { name: 'unable_to_process_cart_line_item', message: 'line.unprocessable' },
  10007: { name: 'subscription_is_not_valid', message: 'line.subscriptionInvalid' },
  10008: { name: 'subscription_is_not_enabled_for_ri', message: 'line.subscriptionNotEnabled' },
  10009: { name: 'sandbox_limit_exceeded', message: 'line.sandboxLimit' },
  10010: { name: 'invalid_input', message: 'line.invalidInput' },
  10011: { name: 'subscription_not_registered', message: 'line.notRegistered' },
  10012: { name: 'attestation_not_accepted', message: 'line.attestation' },
  10013: { name: 'billing_plan_not_supported', message: 'line.billingPlan' },
  10014: { name: 'invalid_promotion_id', message: 'line.promotion' },
  10015: { name: 'max_allowed_seats_per_subscription_exceeded', message: 'line.maxSeats' },
  10016: { name: 'invalid_custom_term_end_date_product', message: 'line.customTermProduct' },
  10017: { name: 'invalid_custom_term_end_date', message: 'line.customTerm' },
  10018: { name: 'base_offer_seat_quantity_not_met', message: 'line.baseOffer' },
  10019: { name: 'minimum_add_on_seats_not_met', message: 'line.minAddOn' },
  500600: { name: 'legacy_offer_not_eligible_for_purchase', message: 'line.legacyOffer' },
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
  if (!entry) return { code: error.errorCode, key: 'line.unrecognised', sentence: ENGLISH('line.unrecognised') };
  return { code: entry.name, key: entry.message, sentence: ENGLISH(entry.message) };
}

function compact(name: string): string {
  return name.replace(/[_\s-]/g, '').toLowerCase();
}
