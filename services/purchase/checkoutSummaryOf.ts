import { textFor } from '../../i18n/text';
import type { Cart } from '../partnerCenter/schemas/cart';
import type { CartCheckoutResult } from '../partnerCenter/schemas/order';
import { sentenceForPartnerCenterCode } from './partnerCenterCodeSentences';
import type { CheckoutSummary } from './types';

/** The checked-out cart and a name for each of its lines, to say which lines a refused order group held. */
export interface CheckedOutCart {
  cart: Cart;
  nameOf: (catalogItemId: string) => string;
}

/**
 * The outcome of a checkout as the result card shows it: the orders placed and, in words, the order groups refused
 * (`orderErrors`, which may come with or without orders). With the cart, each refused group also names its lines.
 */
export function checkoutSummaryOf(result: CartCheckoutResult, checkedOut?: CheckedOutCart): CheckoutSummary {
  return {
    orders: result.orders.map((order) => {
      const summary: CheckoutSummary['orders'][number] = {
        id: order.id,
        status: order.status,
        billingCycle: order.billingCycle,
        lines: [...order.lineItems]
          .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
          .map((line) => ({ name: line.friendlyName ?? line.offerId, quantity: line.quantity, offerId: line.offerId })),
      };
      if (order.creationDate) summary.creationDate = order.creationDate;
      if (order.currencyCode) summary.currencyCode = order.currencyCode;
      return summary;
    }),
    problems: result.orderErrors.map((error) => {
      const problem: CheckoutSummary['problems'][number] = {
        orderGroupId: error.orderGroupId,
        code: error.code,
        key: sentenceForPartnerCenterCode(error.code)?.key ?? 'checkout.orderGroupRefused',
        sentence: sentenceForPartnerCenterCode(error.code)?.sentence ?? textFor('en-US')('checkout.orderGroupRefused'),
      };
      const description = error.description?.trim();
      if (description) problem.description = description;
      const lines = checkedOut?.cart.lineItems
        .filter((line) => line.orderGroup === error.orderGroupId)
        .sort((a, b) => a.id - b.id)
        .map((line) => ({ name: checkedOut.nameOf(line.catalogItemId), quantity: line.quantity }));
      if (lines && lines.length > 0) problem.lines = lines;
      return problem;
    }),
  };
}
