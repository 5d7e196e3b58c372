import template from './templates/orderResult.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, customerText } from './customerText';
import { optionalForMarkdown, safeForMarkdown } from './untrustedText';
import { textFor, type Text } from '../i18n/text';

/** An order Partner Center accepted. */
export interface PlacedOrder {
  id: string;
  status: string;
  billingCycle: string;
  lines: { name: string; quantity: number }[];
}

/**
 * Something that was not ordered (an order group Partner Center refused), in words, with the Partner Center error code
 * support will ask for, Partner Center's own description and, when known, the lines that were not bought.
 */
export interface OrderProblem {
  sentence: string;
  code: string;
  description?: string;
  lines?: { name: string; quantity: number }[];
}

/** What the order result card shows. */
export interface OrderResultCardData {
  customer: CardCustomer;
  orders: PlacedOrder[];
  problems: OrderProblem[];
  correlationId?: string;
  /** The reader's locale, for the card's words (`en-US` when absent). */
  locale?: string;
}

interface OrderResultView {
  orderIdLabel: string;
  statusLabel: string;
  billingLabel: string;
  supportText?: string;
  title: string;
  titleColor: 'Good' | 'Warning' | 'Attention';
  customerText: string;
  summaryText?: string;
  orders: PlacedOrder[];
  problemHeading?: string;
  problems: { text: string; lines: { text: string }[] }[];
}

const expand = compileCardTemplate<OrderResultView>(template);

function problemText(problem: OrderProblem, say: Text): string {
  const sentence = safeForMarkdown(problem.sentence, 'sentence');
  const description = optionalForMarkdown(problem.description, 'sentence');
  const code = safeForMarkdown(problem.code, 'word');
  if (description) {
    return code
      ? say('result.problemSaidCode', { sentence, description, code })
      : say('result.problemSaid', { sentence, description });
  }
  return code ? say('result.problemCode', { sentence, code }) : say('result.problem', { sentence });
}

/**
 * The sentence under the title: what a partial outcome means, or that a refusal bought nothing. An answer with
 * neither orders nor order errors gets none, as it says nothing either way.
 */
function summaryOf(placed: boolean, refused: boolean, say: Text): string | undefined {
  if (placed && refused) return say('result.partial');
  return !placed && refused ? say('result.nothingBought') : undefined;
}

/**
 * Draws the outcome of placing an order: each order id to quote later, and what was not bought and why — all of it
 * when Partner Center refused every order group, part of it when it placed some groups and refused others. No
 * buttons. Every value is drawn as text, never as markdown of its own.
 */
export function renderOrderResultCard(data: OrderResultCardData): AdaptiveCardJson {
  const placed = data.orders.length > 0;
  const partial = placed && data.problems.length > 0;
  const say = textFor(data.locale);
  const correlationId = optionalForMarkdown(data.correlationId, 'id');
  return expand({
    orderIdLabel: say('result.orderId'),
    statusLabel: say('result.status'),
    billingLabel: say('result.billing'),
    supportText: correlationId === undefined ? undefined : say('result.supportReference', { reference: correlationId }),
    title: say(partial ? 'result.partlyPlaced' : placed ? 'result.placed' : 'result.notPlaced'),
    titleColor: partial ? 'Warning' : placed ? 'Good' : 'Attention',
    customerText: say('result.for', { customer: customerText(data.customer) }),
    summaryText: summaryOf(placed, data.problems.length > 0, say),
    orders: data.orders.map((order) => ({
      id: safeForMarkdown(order.id, 'id'),
      status: safeForMarkdown(order.status, 'word'),
      billingCycle: safeForMarkdown(order.billingCycle, 'word'),
      lines: order.lines.map((line) => ({ name: safeForMarkdown(line.name, 'name'), quantity: line.quantity })),
    })),
    problemHeading: data.problems.length === 0 ? undefined : say(placed ? 'result.notOrdered' : 'result.whatWentWrong'),
    problems: data.problems.map((problem) => ({
      text: problemText(problem, say),
      lines: (problem.lines ?? []).map((line) => ({
        text: `${line.quantity} × ${safeForMarkdown(line.name, 'name')}`,
      })),
    })),
  });
}
