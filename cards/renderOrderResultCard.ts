import template from './templates/orderResult.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { optionalForMarkdown, safeForMarkdown } from './untrustedText';

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
  const sentence = safeForMarkdown(problem.sentence, 'sentence');
  const code = safeForMarkdown(problem.code, 'word');
  return code ? `${sentence} (Partner Center code ${code})` : sentence;
}

/**
 * Draws the outcome of placing an order: each order id to quote later, or why nothing was ordered. No buttons. Every
 * value is drawn as text, never as markdown of its own.
 */
export function renderOrderResultCard(data: OrderResultCardData): AdaptiveCardJson {
  const placed = data.orders.length > 0;
  return expand({
    title: placed ? 'Order placed' : 'Order not placed',
    titleColor: placed ? 'Good' : 'Attention',
    customerText: `For ${customerText(data.customer)}`,
    orders: data.orders.map((order) => ({
      id: safeForMarkdown(order.id, 'id'),
      status: safeForMarkdown(order.status, 'word'),
      billingCycle: safeForMarkdown(order.billingCycle, 'word'),
      lines: order.lines.map((line) => ({ name: safeForMarkdown(line.name, 'name'), quantity: line.quantity })),
    })),
    problemHeading: data.problems.length === 0 ? undefined : placed ? 'Not ordered' : 'What went wrong',
    problems: data.problems.map((problem) => ({ text: problemText(problem) })),
    correlationId: optionalForMarkdown(data.correlationId, 'id'),
  });
}
