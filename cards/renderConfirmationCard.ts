import template from './templates/confirmation.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { formatMoney } from './format';
import { nonBlank } from './nonBlank';
import { CardCustomer, customerText } from './customerText';
import { optionalForMarkdown, safeForMarkdown } from './untrustedText';
import { textFor, type MessageKey, type Text } from '../i18n/text';

/**
 * One line of the order being confirmed; `problem` is a sentence saying why it cannot be ordered as it stands, and
 * `attestation` the words Partner Center requires the partner to accept for this line's SKU.
 */
export interface ConfirmationLine {
  productTitle: string;
  skuTitle: string;
  quantity: number;
  termDescription?: string;
  billingCycle: string;
  problem?: string;
  attestation?: string;
  /** Where a reserved instance applies: its Azure subscription, region, VM size and scope, as the order will carry them. */
  reservation?: ConfirmationReservation;
  /** The line's price from the price sheet, or that none could be read; absent: the card says nothing of prices. */
  price?: ConfirmationPrice;
}

/** The facts of a reserved instance the confirmation card shows (absent ones are left off). */
export interface ConfirmationReservation {
  subscriptionId?: string;
  region?: string;
  size?: string;
  scope?: 'shared' | 'single';
}

const SCOPE_WORDS: Record<NonNullable<ConfirmationReservation['scope']>, MessageKey> = {
  shared: 'confirmation.scopeShared',
  single: 'confirmation.scopeSingle',
};

/**
 * A line's price as the price sheet gives it: an estimate per unit for the whole term, quantity × unit = total. When
 * no price could be read the card says so and the order can still be placed.
 */
export type ConfirmationPrice =
  | {
      available: true;
      unitPrice: number;
      total: number;
      currency: string;
      /** The day the sheet was read (`YYYY-MM-DD`). */
      sheetDate: string;
      /** False when the sheet only has another currency than the customer's (Azure plan reservations are in USD). */
      inRequestedCurrency: boolean;
    }
  | { available: false };

/** What the confirmation card shows; `actions` holds the opaque ids its buttons submit. */
export interface ConfirmationCardData {
  customer: CardCustomer;
  lines: ConfirmationLine[];
  /** When the confirmation stops being valid, as an ISO 8601 timestamp. */
  expiresAt?: string;
  actions: { placeOrder: string; changeQuantity: string; cancel: string };
  /** The reader's locale, for words and amounts (`en-US` when absent). */
  locale?: string;
  /**
   * Set when placing this order needs an approval: the button says "Request approval" and the card says why
   * (bot-written markdown; any value in it already made safe).
   */
  approvalText?: string;
}

/** The card's fixed words, in the reader's language. */
const WORDS = {
  heading: 'confirmation.heading',
  intro: 'confirmation.intro',
  customer: 'confirmation.customer',
  product: 'confirmation.product',
  sku: 'confirmation.sku',
  quantity: 'confirmation.quantity',
  term: 'confirmation.term',
  billing: 'confirmation.billing',
  azureSubscription: 'confirmation.azureSubscription',
  region: 'confirmation.region',
  vmSize: 'confirmation.vmSize',
  scope: 'confirmation.scope',
  unitPrice: 'confirmation.unitPrice',
  total: 'confirmation.total',
  attestation: 'confirmation.attestation',
  changeQuantity: 'confirmation.changeQuantity',
  cancel: 'confirmation.cancel',
} as const satisfies Record<string, MessageKey>;

interface ConfirmationView {
  words: Record<keyof typeof WORDS, string>;
  customerText: string;
  lines: {
    heading?: string;
    productTitle: string;
    skuTitle: string;
    quantityText: string;
    termDescription?: string;
    billingCycle: string;
    subscriptionText?: string;
    regionText?: string;
    sizeText?: string;
    scopeText?: string;
    problem?: string;
    attestation?: string;
    unitPriceText?: string;
    totalText?: string;
    priceNote?: string;
  }[];
  canPlaceOrder: boolean;
  placeOrderTitle: string;
  approvalText?: string;
  blockedText?: string;
  acceptanceText?: string;
  expiryText?: string;
  actions: ConfirmationCardData['actions'];
}

const expand = compileCardTemplate<ConfirmationView>(template);

/**
 * Says when the confirmation expires. Teams formats `{{DATE}}`/`{{TIME}}` in the reader's own time zone, but only
 * for RFC 3339 timestamps without fractions of a second, so the timestamp is normalised first.
 */
function expiryText(expiresAt: string | undefined, say: Text): string | undefined {
  const raw = nonBlank(expiresAt);
  if (!raw) return undefined;
  const when = new Date(raw);
  if (Number.isNaN(when.getTime())) {
    return say('confirmation.expiresAtRaw', { when: safeForMarkdown(raw, 'word') });
  }
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return say('confirmation.expiresAt', { time: `{{TIME(${stamp})}}`, date: `{{DATE(${stamp}, SHORT)}}` });
}

/** The price facts of a line: unit price, quantity × unit = total, and where the numbers come from. */
function priceView(
  quantity: number,
  price: ConfirmationPrice | undefined,
  locale: string,
  say: Text,
): { unitPriceText?: string; totalText?: string; priceNote?: string } {
  if (!price) return {};
  if (!price.available) return { priceNote: say('confirmation.priceUnavailable') };
  const unit = formatMoney(price.unitPrice, price.currency, locale);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(price.sheetDate) ? price.sheetDate : say('confirmation.unknownDate');
  return {
    unitPriceText: say('confirmation.unitPriceText', { unit }),
    totalText: `${quantity} × ${unit} = ${formatMoney(price.total, price.currency, locale)}`,
    priceNote: price.inRequestedCurrency
      ? say('confirmation.priceNote', { date })
      : say('confirmation.priceNoteOtherCurrency', { date, currency: safeForMarkdown(price.currency, 'word') }),
  };
}

/**
 * Draws the card that asks the user to confirm an order before anything is bought. "Place order" is left off while
 * any line has a problem, so a purchase that Partner Center would refuse cannot be submitted. A line whose SKU needs
 * an attestation shows its words, and the card says that placing the order accepts them. Every value is drawn as text,
 * never as markdown of its own.
 */
export function renderConfirmationCard(data: ConfirmationCardData): AdaptiveCardJson {
  const locale = data.locale ?? 'en-US';
  const say = textFor(locale);
  const many = data.lines.length > 1;
  const lines = data.lines.map((line, index) => ({
    heading: many ? say('confirmation.itemOf', { index: index + 1, count: data.lines.length }) : undefined,
    productTitle: safeForMarkdown(line.productTitle, 'name'),
    skuTitle: safeForMarkdown(line.skuTitle, 'name'),
    quantityText: String(line.quantity),
    termDescription: optionalForMarkdown(line.termDescription, 'word'),
    billingCycle: safeForMarkdown(line.billingCycle, 'word'),
    subscriptionText: optionalForMarkdown(line.reservation?.subscriptionId, 'id'),
    regionText: optionalForMarkdown(line.reservation?.region, 'word'),
    sizeText: optionalForMarkdown(line.reservation?.size, 'word'),
    scopeText: line.reservation?.scope ? say(SCOPE_WORDS[line.reservation.scope]) : undefined,
    problem: optionalForMarkdown(line.problem, 'sentence'),
    attestation: optionalForMarkdown(line.attestation, 'sentence'),
    ...priceView(line.quantity, line.price, locale, say),
  }));
  const canPlaceOrder = lines.every((line) => line.problem === undefined);
  const attesting = lines.some((line) => line.attestation !== undefined);
  return expand({
    words: Object.fromEntries(
      Object.entries(WORDS).map(([name, key]) => [name, say(key)]),
    ) as ConfirmationView['words'],
    customerText: customerText(data.customer),
    lines,
    canPlaceOrder,
    placeOrderTitle: say(data.approvalText ? 'confirmation.requestApproval' : 'confirmation.placeOrder'),
    approvalText: canPlaceOrder ? nonBlank(data.approvalText) : undefined,
    blockedText: canPlaceOrder ? undefined : say('confirmation.blocked'),
    acceptanceText: canPlaceOrder && attesting ? say('confirmation.acceptance') : undefined,
    expiryText: expiryText(data.expiresAt, say),
    actions: data.actions,
  });
}
