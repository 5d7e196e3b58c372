import template from './templates/orderResult.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { nonBlank } from './nonBlank';

/** An order Partner Center accepted. */
export interface PlacedOrder {
  id: string;
  status: string;
  billingCycle: string;
  lines: { name: string; quantity: number }[];
}

/** Something that was not ordered, in words, with the Partner Center error code support will ask for. */
export interface OrderProblem {
  sentence: string;
  code: string;
}

/** What the order result card shows. */
export interface OrderResultCardData {
  customer: CardCustomer;
  orders: PlacedOrder[];
  problems: OrderProblem[];
  correlationId?: string;
}

interface OrderResultView {
  title: string;
  titleColor: 'Good' | 'Attention';
  customerText: string;
  orders: PlacedOrder[];
  problemHeading?: string;
  problems: { text: string }[];
  correlationId?: string;
}

const expand = compileCardTemplate<OrderResultView>(template);

function problemText(problem: OrderProblem): string {
  const code = problem.code.trim();
  return code ? `${problem.sentence} (Partner Center code ${code})` : problem.sentence;
}

/** Draws the outcome of placing an order: each order id to quote later, or why nothing was ordered. No buttons. */
export function renderOrderResultCard(data: OrderResultCardData): AdaptiveCardJson {
  const placed = data.orders.length > 0;
  return expand({
    title: placed ? 'Order placed' : 'Order not placed',
    titleColor: placed ? 'Good' : 'Attention',
    customerText: `For ${customerText(data.customer)}`,
    orders: data.orders.map((order) => ({
      id: order.id,
      status: order.status,
      billingCycle: order.billingCycle,
      lines: order.lines.map((line) => ({ name: line.name, quantity: line.quantity })),
    })),
    problemHeading: data.problems.length === 0 ? undefined : placed ? 'Not ordered' : 'What went wrong',
    problems: data.problems.map((problem) => ({ text: problemText(problem) })),
    correlationId: nonBlank(data.correlationId),
  });
}
