import { textFor, type MessageKey, type MessageValues } from '../../i18n/text';

/** Why the purchase service refused a request before (or instead of) asking Partner Center. */
export type PurchaseRequestProblem =
  | 'invalid-subscription-id'
  | 'quantity-out-of-range'
  | 'term-unavailable'
  | 'cart-empty'
  | 'customer-country-unknown'
  | 'attestation-unknown';

/**
 * A request the purchase service can't carry out as asked, for a reason the user can fix. It carries a catalog message
 * (`key`, `values`: said in the reader's language where it is shown) and, as its `message`, the same sentence in English
 * for logs (no ids, tokens or payloads); `problem` lets a dialog branch. It extends `RangeError` because most causes
 * are a value outside what Partner Center accepts.
 */
export class PurchaseRequestError extends RangeError {
  readonly problem: PurchaseRequestProblem;

  constructor(
    problem: PurchaseRequestProblem,
    readonly key: MessageKey,
    readonly values: MessageValues = {},
  ) {
    super(textFor('en-US')(key, values));
    this.name = 'PurchaseRequestError';
    this.problem = problem;
  }
}
