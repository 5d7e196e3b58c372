import { renderNoticeCard } from '../cards/renderNoticeCard';
import { safeForMarkdown } from '../cards/untrustedText';
import type { CheckoutRecord } from '../services/checkout/CheckoutLedger';
import { orderResultCard } from './orderResultCard';

/**
 * The card that shows where a checkout stands: the order result (whole or partial), the refusal in words, "waiting
 * for your sign-in", or "being placed". Names, ids and Partner Center's sentences are shown as text only.
 */
export function checkoutOutcomeCard(record: CheckoutRecord): object {
  const company = safeForMarkdown(record.customer.companyName, 'name');
  const failure = record.failure?.sentence ? safeForMarkdown(record.failure.sentence, 'sentence') : undefined;
  // Partner Center's 201 answer, whole or partial, and its refusal of every order group (order errors only, nothing
  // bought) are shown as they came: what was placed, and what was not with Partner Center's reasons.
  if ((record.state === 'done' || record.state === 'failed') && record.result) {
    return orderResultCard({ customer: record.customer, summary: record.result }, record.correlationId);
  }
  if (record.state === 'failed') {
    const code = record.failure?.code
      ? ` (Partner Center code ${safeForMarkdown(record.failure.code, 'word')}, reference ${safeForMarkdown(record.correlationId, 'id')})`
      : '';
    return renderNoticeCard({
      title: 'Order not placed',
      text: `${failure ?? 'Partner Center refused the order.'}${code} Nothing was bought.`,
    });
  }
  if (record.state === 'unconfirmed') {
    return renderNoticeCard({
      title: 'Not confirmed: check before ordering again',
      text: `${failure ?? 'Partner Center never confirmed this order.'} Customer: ${company}. Support reference: MS-RequestId ${safeForMarkdown(record.requestId, 'id')}, correlation ${safeForMarkdown(record.correlationId, 'id')}.`,
    });
  }
  if (record.waitingForSignIn) {
    // With a failure, Partner Center refused the sign-in itself (no MFA) after an earlier call whose outcome is unknown.
    return renderNoticeCard({
      title: 'Waiting for you to sign in',
      text: failure
        ? `${failure} Once you have, the order for ${company} goes ahead by itself, and it can't be placed twice.`
        : `Partner Center needs you signed in to place the order for ${company}. Type **sign in**; the order then goes ahead by itself, and it can't be placed twice.`,
    });
  }
  return renderNoticeCard({
    title: 'Placing your order…',
    text: `Partner Center is processing the order for ${company}. This card will show the result; pressing Place order again can't buy twice.`,
  });
}
