import { billingCycleWords, orderStatusWords } from '../cards/orderWords';
import { renderOrderResultCard } from '../cards/renderOrderResultCard';
import type { CheckoutSummary, CustomerDetails } from '../services/purchase/types';

/** The order result card of a checkout Partner Center answered: what was placed, and what it refused and why. */
export function orderResultCard(
  placed: { customer: CustomerDetails; summary: CheckoutSummary },
  correlationId?: string,
): object {
  const { customer, summary } = placed;
  return renderOrderResultCard({
    customer: { companyName: customer.companyName, domain: customer.domain, countryName: customer.countryName },
    orders: summary.orders.map((order) => ({
      id: order.id,
      status: orderStatusWords(order.status),
      billingCycle: billingCycleWords(order.billingCycle),
      lines: order.lines.map((line) => ({ name: line.name, quantity: line.quantity })),
    })),
    problems: summary.problems.map((p) => ({
      sentence: p.sentence,
      code: p.code,
      ...(p.description ? { description: p.description } : {}),
      ...(p.lines ? { lines: p.lines } : {}),
    })),
    correlationId,
  });
}
