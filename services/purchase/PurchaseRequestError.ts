/** Why the purchase service refused a request before (or instead of) asking Partner Center. */
export type PurchaseRequestProblem =
  | 'invalid-subscription-id'
  | 'quantity-out-of-range'
  | 'term-unavailable'
  | 'cart-empty'
  | 'customer-country-unknown'
  | 'attestation-unknown';

/**
 * A request the purchase service can't carry out as asked, for a reason the user can fix. Its `message` is one plain
 * sentence meant for the chat (no ids, tokens or payloads), so a dialog may show it as is; `problem` lets it branch.
 * It extends `RangeError` because most causes are a value outside what Partner Center accepts.
 */
export class PurchaseRequestError extends RangeError {
  readonly problem: PurchaseRequestProblem;

  constructor(problem: PurchaseRequestProblem, sentence: string) {
    super(sentence);
    this.name = 'PurchaseRequestError';
    this.problem = problem;
  }
}
