import template from './templates/cancelOrder.json';
import { type AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { cancelOfferText, type OrderCancelOffer } from './renderOrderCard';
import { companyText, type CardCustomer } from './customerText';
import { safeForMarkdown } from './untrustedText';
import { textFor } from '../i18n/text';

/** What the "Cancel this order?" card shows; `confirmId` is the opaque id of its one button. */
export interface CancelOrderCardData {
  customer: CardCustomer;
  orderId: string;
  /** The order's lines ("10 × Windows Server …"). */
  lines: { quantity: number; name: string }[];
  offer: Omit<OrderCancelOffer, 'id'>;
  confirmId: string;
  locale: string;
  timeZone?: string;
}

interface CancelOrderView {
  cannotUndoText: string;
  confirmTitle: string;
  title: string;
  customerText: string;
  linesText?: string;
  offerText: string;
  confirmId: string;
}

const expand = compileCardTemplate<CancelOrderView>(template);

/**
 * Asks before cancelling: which order, what it holds, the refund and the deadline, and one button that cancels it.
 * Not pressing it keeps the order; nothing happens until it is pressed.
 */
export function renderCancelOrderCard(data: CancelOrderCardData): AdaptiveCardJson {
  const say = textFor(data.locale);
  const lines = data.lines
    .slice(0, 20)
    .map((line) => say('cancelOrder.line', { quantity: line.quantity, name: safeForMarkdown(line.name, 'name') }));
  return expand({
    cannotUndoText: say('cancelOrder.cannotUndo'),
    confirmTitle: say('cancelOrder.confirm'),
    title: say('cancelOrder.title', { id: safeForMarkdown(data.orderId, 'id') }),
    customerText: say('cancelOrder.for', { company: companyText(data.customer) }),
    linesText: lines.length > 0 ? lines.join('\n') : undefined,
    offerText: cancelOfferText({ ...data.offer, id: '' }, data.locale, data.timeZone),
    confirmId: data.confirmId,
  });
}
