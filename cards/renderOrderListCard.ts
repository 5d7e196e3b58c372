import template from './templates/orderList.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, companyText, customerText } from './customerText';
import { formatDate, formatDateInZone, formatMoney } from './format';
import { nonBlank } from './nonBlank';
import { billingCycleWords, orderStatusWords } from './orderWords';
import { type OrderWindowView, windowDays, windowPhrase } from './timeWindowWords';
import { safeForMarkdown, safeForPlainText } from './untrustedText';
import { textFor, type Text } from '../i18n/text';
import type { OrderListFilter, OrderView } from '../services/lookups/types';

/** Lines shown per order in the list; the rest are counted so the card stays short enough to scan. */
const LINES_PER_ORDER = 3;

/** What the order list card shows; `openId` and `moreId` are the opaque ids its buttons submit. */
export interface OrderListCardData {
  customer: CardCustomer;
  /** The billing cycle the list is filtered by, if any. */
  filter?: OrderListFilter;
  /** The time window the orders were placed in, when the person asked for one ("last week"). */
  window?: OrderWindowView;
  orders: (OrderView & { openId: string })[];
  /** How many orders the customer has in all (across pages). */
  total: number;
  /** 1-based position of the first order on this card (the page offset + 1). */
  shownFrom: number;
  /** Present when there are more orders after this page. */
  moreId?: string;
  locale: string;
  /** IANA zone of the reader (Teams `localTimezone`): orders are dated as that zone names the day; UTC without it. */
  timeZone?: string;
}

interface OrderListView {
  words: { open: string; more: string };
  title: string;
  customerText: string;
  windowText?: string;
  orders: {
    heading: string;
    detail: string;
    orderIdText: string;
    lines: { text: string }[];
    moreLinesText?: string;
    justPlacedText?: string;
    openTooltip: string;
    openId: string;
  }[];
  emptyText?: string;
  rangeText?: string;
  moreId?: string;
}

const expand = compileCardTemplate<OrderListView>(template);

function orderSummary(
  order: OrderListCardData['orders'][number],
  locale: string,
  timeZone: string | undefined,
  say: Text,
): OrderListView['orders'][number] {
  const created = timeZone
    ? formatDateInZone(order.creationDate, locale, timeZone)
    : formatDate(order.creationDate, locale);
  const status = safeForMarkdown(orderStatusWords(order.status, say), 'word');
  const total = order.totalPrice === undefined ? undefined : formatMoney(order.totalPrice, order.currencyCode, locale);
  const hidden = order.lines.length - LINES_PER_ORDER;
  return {
    heading: created ? `${created} · ${status}` : status,
    detail: [safeForMarkdown(billingCycleWords(order.billingCycle, say), 'word'), total]
      .filter((part) => part !== undefined)
      .join(' · '),
    orderIdText: say('orderList.orderId', { id: safeForMarkdown(order.id, 'id') }),
    lines: order.lines
      .slice(0, LINES_PER_ORDER)
      .map((line) => ({ text: `${line.quantity} × ${safeForMarkdown(line.name, 'name')}` })),
    moreLinesText: hidden > 0 ? say('orderList.moreLines', { count: hidden }) : undefined,
    justPlacedText: order.justPlaced ? say('orderList.justPlaced') : undefined,
    // A tooltip is plain text: escaping would show the backslashes.
    openTooltip: created
      ? say('orderList.openDated', { date: created })
      : say('orderList.openId', { id: safeForPlainText(order.id, 'id') }),
    openId: order.openId,
  };
}

/**
 * Draws one page of a customer's orders, newest first, each with an Open button, plus a More button when another
 * page follows. Orders this bot has just placed are marked, because Partner Center can take up to 15 minutes to
 * list a new order. A list asked for a time window says it in its title ("Orders for Contoso Ltd since 1 October")
 * and names the days and the time zone they are counted in.
 */
export function renderOrderListCard(data: OrderListCardData): AdaptiveCardJson {
  const say = textFor(data.locale);
  const filter = data.filter ?? 'all';
  const company = companyText(data.customer);
  const count = data.orders.length;
  const last = data.shownFrom + count - 1;
  // Orders placed moments ago are shown before Partner Center counts them, so the total can lag behind the page.
  const total = Math.max(data.total, last);
  const window = data.window ? windowPhrase(data.window, data.locale) : undefined;
  return expand({
    words: { open: say('orderList.open'), more: say('orderList.more') },
    title: window
      ? say('orderList.titleInWindow', { filter, company, window })
      : say('orderList.title', { filter, company }),
    customerText: customerText(data.customer),
    windowText: data.window ? windowDays(data.window, data.locale) : undefined,
    orders: data.orders.map((order) => orderSummary(order, data.locale, data.timeZone, say)),
    emptyText:
      count === 0
        ? window
          ? say('orderList.noneInWindow', { filter, company, window })
          : say('orderList.none', { filter, company })
        : undefined,
    rangeText:
      count > 0 && (total > count || data.moreId)
        ? say('orderList.range', { from: data.shownFrom, to: last, total })
        : undefined,
    moreId: nonBlank(data.moreId),
  });
}
