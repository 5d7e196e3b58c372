import template from './templates/order.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, companyText, customerText } from './customerText';
import { formatDate, formatDateTime, formatMoney } from './format';
import { billingCycleWords, orderStatusWords, termDurationWords } from './orderWords';
import { safeForMarkdown } from './untrustedText';
import { MAX_REFRESH_USERS } from './userSpecificCard';
import { textFor, type MessageKey, type Text } from '../i18n/text';
import type { OrderView } from '../services/lookups/types';

/** What the order card shows; `refreshId` is the opaque id its Refresh button submits. */
export interface OrderCardData {
  customer: CardCustomer;
  order: OrderView;
  /** ISO 8601: when the bot read the order from Partner Center. */
  readAt: string;
  refreshId: string;
  locale: string;
  /** IANA zone of the reader (Teams `localTimezone`); times are shown in UTC without it. */
  timeZone?: string;
  /**
   * Teams user ids (`29:…`) whose Teams refreshes the card each time they look at it (the Refresh button's action as
   * the card's `refresh`, Universal Actions); absent, the card refreshes only when Refresh is pressed.
   */
  refreshOnViewFor?: readonly string[];
  /** Offered while the cancellation policy's window is open: the Cancel order button's id, refund and deadline. */
  cancel?: OrderCancelOffer;
}

/** What cancelling the order now would give back, and until when it can be done. */
export interface OrderCancelOffer {
  /** The opaque id the Cancel order button submits. */
  id: string;
  /** ISO 8601: the end of the window. */
  until: string;
  refund: 'full' | 'prorated';
  /** In the order's currency; an estimate (Partner Center computes the credit). */
  estimatedRefund?: number;
  currency?: string;
}

interface Fact {
  title: string;
  value: string;
}

interface OrderCardView {
  orderIdLabel: string;
  refreshTitle: string;
  cancelTitle: string;
  title: string;
  customerText: string;
  orderId: string;
  facts: Fact[];
  justPlacedText?: string;
  lines: { heading: string; facts: Fact[] }[];
  provisioningNote?: string;
  checkedText: string;
  refreshId: string;
  cancelText?: string;
  cancelId?: string;
}

const expand = compileCardTemplate<OrderCardView>(template);

/** A line's term in the shared words; an unreadable one is shown as text only. */
function termWords(duration: string, say: Text): string {
  return safeForMarkdown(termDurationWords(duration, say), 'word');
}

const PROVISIONING_WORDS: Record<string, MessageKey> = {
  fulfilled: 'order.provisioningFulfilled',
  unfulfilled: 'order.provisioningUnfulfilled',
  prefulfillmentpending: 'order.provisioningPending',
};

function provisioningWords(status: string, say: Text): string {
  const key = PROVISIONING_WORDS[status.trim().toLowerCase()];
  return key ? say(key) : safeForMarkdown(status, 'word');
}

/** Why the card has no provisioning status, when it was asked for and not given. */
function provisioningNote(order: OrderView, say: Text): string | undefined {
  const missing = order.provisioningUnavailable;
  if (!missing) return undefined;
  if (missing.reason === 'needs-user-sign-in') return say('order.provisioningNeedsSignIn');
  return say('order.provisioningUnreadable', { reference: safeForMarkdown(missing.reference, 'id') });
}

function present(facts: (Fact | undefined)[]): Fact[] {
  return facts.filter((fact): fact is Fact => fact !== undefined && fact.value !== '');
}

/** The cancellation offer in words, in the locale's language: the refund and the deadline (in the reader's zone when known). */
export function cancelOfferText(offer: OrderCancelOffer, locale: string, timeZone?: string): string {
  const say = textFor(locale);
  const until = formatDateTime(offer.until, locale, timeZone) ?? safeForMarkdown(offer.until, 'word');
  if (offer.estimatedRefund === undefined) return say('order.cancelOffer', { until, refund: offer.refund });
  const amount = formatMoney(offer.estimatedRefund, offer.currency, locale);
  return say('order.cancelOfferAmount', { until, refund: offer.refund, amount });
}

function cancelView(
  offer: OrderCancelOffer | undefined,
  locale: string,
  timeZone: string | undefined,
): { cancelText?: string; cancelId?: string } {
  if (!offer) return {};
  return { cancelText: cancelOfferText(offer, locale, timeZone), cancelId: offer.id };
}

/**
 * Draws one order in full: its id to quote to support, status, billing, date, total, and each line with its term
 * and, when Partner Center gave it, its provisioning status (or a note saying why it is missing: the order is shown
 * without it). Refresh re-reads the order, so the card says when it was read. Partner Center's values are drawn as text, never as markdown of their own.
 */
export function renderOrderCard(data: OrderCardData): AdaptiveCardJson {
  const { order, locale } = data;
  const say = textFor(locale);
  const status = safeForMarkdown(orderStatusWords(order.status, say), 'word');
  const created = formatDate(order.creationDate, locale);
  const provisioning = new Map((order.provisioning ?? []).map((entry) => [entry.lineItemNumber, entry.status]));
  const checked = formatDateTime(data.readAt, locale, data.timeZone);
  const card = expand({
    orderIdLabel: say('order.orderId'),
    refreshTitle: say('order.refresh'),
    cancelTitle: say('order.cancelOrder'),
    title: say('order.title', { company: companyText(data.customer) }),
    customerText: customerText(data.customer),
    orderId: safeForMarkdown(order.id, 'id'),
    facts: present([
      { title: say('order.status'), value: status },
      { title: say('order.billing'), value: safeForMarkdown(billingCycleWords(order.billingCycle, say), 'word') },
      created === undefined ? undefined : { title: say('order.created'), value: created },
      order.totalPrice === undefined
        ? undefined
        : { title: say('order.total'), value: formatMoney(order.totalPrice, order.currencyCode, locale) },
    ]),
    justPlacedText: order.justPlaced ? say('order.justPlaced') : undefined,
    lines: [...order.lines]
      .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
      .map((line) => {
        const lineStatus = provisioning.get(line.lineItemNumber);
        return {
          heading: `${line.quantity} × ${safeForMarkdown(line.name, 'name')}`,
          facts: present([
            line.termDuration === undefined
              ? undefined
              : { title: say('order.term'), value: termWords(line.termDuration, say) },
            lineStatus === undefined
              ? undefined
              : { title: say('order.provisioning'), value: provisioningWords(lineStatus, say) },
          ]),
        };
      }),
    provisioningNote: provisioningNote(order, say),
    checkedText: checked ? say('order.checkedAt', { when: checked }) : say('order.checkedJustNow'),
    refreshId: data.refreshId,
    ...cancelView(data.cancel, locale, data.timeZone),
  });
  if (!data.refreshOnViewFor?.length) return card;
  const refresh = {
    type: 'Action.Execute',
    title: say('order.refresh'),
    verb: 'refreshOrder',
    data: { verb: 'refreshOrder', id: data.refreshId },
  };
  return { ...card, refresh: { action: refresh, userIds: data.refreshOnViewFor.slice(0, MAX_REFRESH_USERS) } };
}
