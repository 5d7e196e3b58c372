import { billingCycleWords, orderStatusWords } from '../cards/orderWords';
import { renderOrderResultCard } from '../cards/renderOrderResultCard';
import { textFor } from '../i18n/text';
import type { CheckoutSummary, CustomerDetails } from '../services/purchase/types';

/**
 * The order result card of a checkout Partner Center answered: what was placed, and what it refused and why, in the
 * reader's language (a refusal recorded before its catalog key was kept is shown in its stored English).
 */
export function orderResultCard(
  placed: { customer: CustomerDetails; summary: CheckoutSummary },
  locale: string | undefined,
  correlationId?: string,
): object {
  const { customer, summary } = placed;
  const say = textFor(locale);
  return renderOrderResultCard({
    customer: { companyName: customer.companyName, domain: customer.domain, countryName: customer.countryName },
    orders: summary.orders.map((order) => ({
      id: order.id,
      status: orderStatusWords(order.status, say),
      billingCycle: billingCycleWords(order.billingCycle, say),
      lines: order.lines.map((line) => ({ name: line.name, quantity: line.quantity })),
    })),
    problems: summary.problems.map((p) => ({
      sentence: p.key ? say(p.key) : p.sentence,
      code: p.code,
      ...(p.description ? { description: p.description } : {}),
      ...(p.lines ? { lines: p.lines } : {}),
    })),
    correlationId,
    locale,
  });
}
