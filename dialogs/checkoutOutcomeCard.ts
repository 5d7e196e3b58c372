import { renderNoticeCard } from '../cards/renderNoticeCard';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import { orderResultCard } from './CartCheckoutDialog';

/**
 * The card that shows where a checkout stands: the order result, the refusal in words, "waiting for your sign-in", or
 * "being placed".
 */
export function checkoutOutcomeCard(record: CheckoutRecord): object {
  if (record.state === 'done' && record.result) {
    return orderResultCard({ customer: record.customer, summary: record.result }, record.correlationId);
  }
  if (record.state === 'failed') {
    const code = record.failure?.code
      ? ` (Partner Center code ${record.failure.code}, reference ${record.correlationId})`
      : '';
    return renderNoticeCard({
      title: 'Order not placed',
      text: `${record.failure?.sentence ?? 'Partner Center refused the order.'}${code} Nothing was bought.`,
    });
  }
  if (record.waitingForSignIn) {
    return renderNoticeCard({
      title: 'Waiting for you to sign in',
      text: `Partner Center needs you signed in to place the order for ${record.customer.companyName}. Type **sign in**; the order then goes ahead by itself, and it can't be placed twice.`,
    });
  }
  return renderNoticeCard({
    title: 'Placing your order…',
    text: `Partner Center is processing the order for ${record.customer.companyName}. This card will show the result; pressing Place order again can't buy twice.`,
  });
}
