import { z } from 'zod';

/** Every verb a card button may carry; the bot routes a submitted card to one handler per verb. */
export const CARD_VERBS = [
  'buy',
  'help',
  'pickCustomer',
  'pickCategory',
  'pickProduct',
  'pickSku',
  'pickTerm',
  'narrowList',
  'pickScope',
  'pickAzureSubscription',
  'registerForReservation',
  'placeOrder',
  'changeQuantity',
  'cancelPurchase',
  'openOrder',
  'refreshOrder',
  'more',
  'openInvoice',
  'statement',
  'approveRequest',
  'rejectRequest',
  'cancelOrder',
  'confirmCancelOrder',
] as const;

/** One of {@link CARD_VERBS}. */
export type CardVerb = (typeof CARD_VERBS)[number];

/** What a card button submits: the verb and an opaque id the bot maps back to server-side state. */
export interface CardAction {
  verb: CardVerb;
  id: string;
}

/**
 * The exact shape of a card button's data. Strict because customer, SKU and quantity must never travel in card data:
 * anything beyond the verb and the opaque id means the value did not come from one of our cards.
 */
export const cardActionSchema: z.ZodType<CardAction> = z.strictObject({
  verb: z.enum(CARD_VERBS),
  id: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** Parses an untrusted activity.value; returns undefined for anything not a valid CardAction (never throws). */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
