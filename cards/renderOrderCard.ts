import template from './templates/order.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { CardCustomer, companyText, customerText } from './customerText';
import { formatDate, formatDateTime, formatMoney } from './format';
import { billingCycleWords, orderStatusWords, termDurationWords } from './orderWords';
import { safeForMarkdown } from './untrustedText';
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
}

interface Fact {
  title: string;
  value: string;
}

interface OrderCardView {
  title: string;
  customerText: string;
  orderId: string;
  facts: Fact[];
  justPlacedText?: string;
  lines: { heading: string; facts: Fact[] }[];
  provisioningNote?: string;
  checkedText: string;
  refreshId: string;
}

const expand = compileCardTemplate<OrderCardView>(template);

/** A line's term in the shared words; an unreadable one is shown as text only. */
function termWords(duration: string): string {
  return safeForMarkdown(termDurationWords(duration), 'word');
}

const PROVISIONING_WORDS: Record<string, string> = {
  fulfilled: 'Fulfilled',
  unfulfilled: 'Not fulfilled yet',
  prefulfillmentpending: 'Being prepared',
};

function provisioningWords(status: string): string {
  return PROVISIONING_WORDS[status.trim().toLowerCase()] ?? safeForMarkdown(status, 'word');
}

/** Why the card has no provisioning status, when it was asked for and not given. */
function provisioningNote(order: OrderView): string | undefined {
  const missing = order.provisioningUnavailable;
  if (!missing) return undefined;
  if (missing.reason === 'needs-user-sign-in') {
    return 'Provisioning status is not shown: Partner Center gives it only to a signed-in user, not to the app alone.';
  }
  return `Provisioning status could not be read from Partner Center just now (support reference ${safeForMarkdown(missing.reference, 'id')}); press **Refresh** to try again.`;
}

function present(facts: (Fact | undefined)[]): Fact[] {
  return facts.filter((fact): fact is Fact => fact !== undefined && fact.value !== '');
}

/**
 * Draws one order in full: its id to quote to support, status, billing, date, total, and each line with its term
 * and, when Partner Center gave it, its provisioning status (or a note saying why it is missing: the order is shown
 * without it). Refresh re-reads the order, so the card says when it was read. Partner Center's values are drawn as text, never as markdown of their own.
 */
export function renderOrderCard(data: OrderCardData): AdaptiveCardJson {
  const { order, locale } = data;
  const status = safeForMarkdown(orderStatusWords(order.status), 'word');
  const created = formatDate(order.creationDate, locale);
  const provisioning = new Map((order.provisioning ?? []).map((entry) => [entry.lineItemNumber, entry.status]));
  const checked = formatDateTime(data.readAt, locale, data.timeZone);
  return expand({
    title: `Order for ${companyText(data.customer)}`,
    customerText: customerText(data.customer),
    orderId: safeForMarkdown(order.id, 'id'),
    facts: present([
      { title: 'Status', value: status },
      { title: 'Billing', value: safeForMarkdown(billingCycleWords(order.billingCycle), 'word') },
      created === undefined ? undefined : { title: 'Created', value: created },
      order.totalPrice === undefined
        ? undefined
        : { title: 'Total', value: formatMoney(order.totalPrice, order.currencyCode, locale) },
    ]),
    justPlacedText: order.justPlaced
      ? "Just placed: Partner Center does not list it with the customer's orders yet (it can take up to 15 minutes)."
      : undefined,
    lines: [...order.lines]
      .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
      .map((line) => {
        const lineStatus = provisioning.get(line.lineItemNumber);
        return {
          heading: `${line.quantity} × ${safeForMarkdown(line.name, 'name')}`,
          facts: present([
            line.termDuration === undefined ? undefined : { title: 'Term', value: termWords(line.termDuration) },
            lineStatus === undefined ? undefined : { title: 'Provisioning', value: provisioningWords(lineStatus) },
          ]),
        };
      }),
    provisioningNote: provisioningNote(order),
    checkedText: checked ? `Checked at ${checked}` : 'Checked just now',
    refreshId: data.refreshId,
  });
}
