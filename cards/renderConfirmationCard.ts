import template from './templates/confirmation.json';
import { AdaptiveCardJson, compileCardTemplate } from './compileCardTemplate';
import { nonBlank } from './nonBlank';
import { CardCustomer, customerText } from './customerText';
import { optionalForMarkdown, safeForMarkdown } from './untrustedText';

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
}

/** What the confirmation card shows; `actions` holds the opaque ids its buttons submit. */
export interface ConfirmationCardData {
  customer: CardCustomer;
  lines: ConfirmationLine[];
  /** When the confirmation stops being valid, as an ISO 8601 timestamp. */
  expiresAt?: string;
  actions: { placeOrder: string; changeQuantity: string; cancel: string };
}

interface ConfirmationView {
  customerText: string;
  lines: {
    heading?: string;
    productTitle: string;
    skuTitle: string;
    quantityText: string;
    termDescription?: string;
    billingCycle: string;
    problem?: string;
    attestation?: string;
  }[];
  canPlaceOrder: boolean;
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
function expiryText(expiresAt: string | undefined): string | undefined {
  const raw = nonBlank(expiresAt);
  if (!raw) return undefined;
  const when = new Date(raw);
  if (Number.isNaN(when.getTime())) {
    return `This confirmation expires at ${safeForMarkdown(raw, 'word')}. After that, start again.`;
  }
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `This confirmation expires at {{TIME(${stamp})}} on {{DATE(${stamp}, SHORT)}}. After that, start again.`;
}

/**
 * Draws the card that asks the user to confirm an order before anything is bought. "Place order" is left off while
 * any line has a problem, so a purchase that Partner Center would refuse cannot be submitted. A line whose SKU needs
 * an attestation shows its words, and the card says that placing the order accepts them. Every value is drawn as text,
 * never as markdown of its own.
 */
export function renderConfirmationCard(data: ConfirmationCardData): AdaptiveCardJson {
  const many = data.lines.length > 1;
  const lines = data.lines.map((line, index) => ({
    heading: many ? `Item ${index + 1} of ${data.lines.length}` : undefined,
    productTitle: safeForMarkdown(line.productTitle, 'name'),
    skuTitle: safeForMarkdown(line.skuTitle, 'name'),
    quantityText: String(line.quantity),
    termDescription: optionalForMarkdown(line.termDescription, 'word'),
    billingCycle: safeForMarkdown(line.billingCycle, 'word'),
    problem: optionalForMarkdown(line.problem, 'sentence'),
    attestation: optionalForMarkdown(line.attestation, 'sentence'),
  }));
  const canPlaceOrder = lines.every((line) => line.problem === undefined);
  const attesting = lines.some((line) => line.attestation !== undefined);
  return expand({
    customerText: customerText(data.customer),
    lines,
    canPlaceOrder,
    blockedText: canPlaceOrder
      ? undefined
      : 'This order cannot be placed as it stands. Change the quantity, or cancel and start again.',
    acceptanceText:
      canPlaceOrder && attesting
        ? "Partner Center requires your company to accept the attestation above. Selecting **Place order** accepts it on your company's behalf, and the bot records that you did."
        : undefined,
    expiryText: expiryText(data.expiresAt),
    actions: data.actions,
  });
}
