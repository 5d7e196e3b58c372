import type { CartCheckoutResult } from '../partnerCenter/schemas/order';
import { sentenceForPartnerCenterCode } from './partnerCenterCodeSentences';
import type { CheckoutSummary } from './types';

const UNKNOWN_ORDER_ERROR =
  "Partner Center didn't place this part of the order; contact Partner Center support and quote the code.";

/** The outcome of a checkout as the result card shows it: the orders placed and, in words, the groups refused. */
export function checkoutSummaryOf(result: CartCheckoutResult): CheckoutSummary {
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
    problems: result.orderErrors.map((error) => ({
      orderGroupId: error.orderGroupId,
      code: error.code,
      sentence: sentenceForPartnerCenterCode(error.code)?.sentence ?? UNKNOWN_ORDER_ERROR,
    })),
  };
}
