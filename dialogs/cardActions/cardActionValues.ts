import { z } from 'zod';
import type {
  AzureSubscriptionDetails,
  CustomerDetails,
  CustomerSummary,
  ProductOption,
  PurchaseCategory,
  SkuOption,
  TermOption,
} from '../../services/purchase/types';
import type { ListPosition, OrderRef } from '../lookups/LookupActions';

/*
 * What each button's id stands for, checked when the id comes back from conversation state: a value of another shape
 * (state written by an older release, or damaged) is refused like a stale button instead of reaching a handler as the
 * wrong thing. Objects are loose on purpose: unknown keys are kept, not stripped, so a field a later release adds to
 * one of these types is never silently dropped on the way through; each schema is typed against the type it checks,
 * so a new required field fails to compile here until it is checked too.
 */

/** The value of a button that stands for nothing kept server-side (the welcome card's Buy and Help). */
export const NOTHING = z.null();

/** A customer as a search lists it. */
export const customerSummaryValue: z.ZodType<CustomerSummary> = z.looseObject({
  id: z.string(),
  companyName: z.string(),
  domain: z.string(),
});

/** A customer with the country its purchases and lookups need. */
export const customerDetailsValue: z.ZodType<CustomerDetails> = z.looseObject({
  id: z.string(),
  companyName: z.string(),
  domain: z.string(),
  country: z.string(),
  countryName: z.string(),
});

/** One of the three things the bot can buy. */
export const purchaseCategoryValue: z.ZodType<PurchaseCategory> = z.enum([
  'software-subscriptions',
  'perpetual-software',
  'azure-reservations',
]);

/** A product of the catalog. */
export const productOptionValue: z.ZodType<ProductOption> = z.looseObject({
  productId: z.string(),
  title: z.string(),
  description: z.string(),
  publisherName: z.string().optional(),
});

/** A SKU of a product, with the limits and checks buying it needs. */
export const skuOptionValue: z.ZodType<SkuOption> = z.looseObject({
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  description: z.string(),
  minimumQuantity: z.number(),
  maximumQuantity: z.number(),
  needsInventoryCheck: z.boolean(),
  needsRegistration: z.boolean(),
  provisioningVariables: z.array(z.string()),
  armRegionName: z.string().optional(),
  armSkuName: z.string().optional(),
  attestation: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
});

/** A term (and its availability) of a SKU. */
export const termOptionValue: z.ZodType<TermOption> = z.looseObject({
  termKey: z.string(),
  availabilityId: z.string(),
  catalogItemId: z.string(),
  termDuration: z.string().optional(),
  description: z.string(),
  billingCycle: z.string(),
  currencyCode: z.string(),
  segment: z.string(),
});

/** One of the customer's Azure subscriptions, offered for a reservation. */
export const azureSubscriptionValue: z.ZodType<AzureSubscriptionDetails> = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['azure-plan', 'microsoft-azure', 'other']),
  status: z.string(),
});

/**
 * One structured choice narrowing a long pick list: the value of one of its options' parts (a reservation's size
 * `Standard_D4s_v5`, region `EU West` or term `3 Years`), by the part's position.
 */
export interface ListFacet {
  position: number;
  value: string;
}

/** Checks a {@link ListFacet}. */
export const listFacetValue: z.ZodType<ListFacet> = z.looseObject({
  position: z.number().int().min(0).max(16),
  value: z.string().min(1).max(200),
});

/** Where a reserved instance applies. */
export const reservationScopeValue = z.enum(['shared', 'single']);

/** A reservation's scope as Partner Center's provisioning context names it. */
export type ReservationScope = z.infer<typeof reservationScopeValue>;

/**
 * The cart a confirmation-card button acts on, and its checkout ledger key (the cart id and identity). Buttons made
 * before ledger keys existed carry no key.
 */
export interface CartButton {
  cartId: string;
  key?: string;
}

/** Checks a {@link CartButton}. */
export const cartButtonValue: z.ZodType<CartButton> = z.looseObject({
  cartId: z.string(),
  key: z.string().optional(),
});

/** The order an Open or Refresh button shows. */
export const orderRefValue: z.ZodType<OrderRef> = z.looseObject({
  customer: customerDetailsValue,
  orderId: z.string(),
});

/** One schema per kind of paged list; a kind added to `ListPosition` fails to compile here until it is checked too. */
const LIST_POSITIONS: { [K in ListPosition['kind']]: z.ZodType<Extract<ListPosition, { kind: K }>> } = {
  orders: z.looseObject({
    kind: z.literal('orders'),
    customer: customerDetailsValue,
    filter: z.enum(['one_time', 'monthly', 'annual']).optional(),
    offset: z.number(),
  }),
  invoices: z.looseObject({ kind: z.literal('invoices'), offset: z.number() }),
  invoiceCharges: z.looseObject({
    kind: z.literal('invoiceCharges'),
    invoiceId: z.string(),
    offset: z.number(),
    total: z.number(),
  }),
};

function isListKind(kind: unknown): kind is ListPosition['kind'] {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(LIST_POSITIONS, kind);
}

/** Where a "more" button continues a paged list (checked by the schema of its kind; the value passes unchanged). */
export const listPositionValue = z.custom<ListPosition>((value) => {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return isListKind(kind) && LIST_POSITIONS[kind].safeParse(value).success;
});

/** An invoice id (the invoice an Open or Statement button is for). */
export const invoiceIdValue = z.string().min(1);

/** An approval request's id (the Approve and Reject buttons of an approver's card). */
export const approvalIdValue = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The order a "Yes, cancel it" button cancels, and the MS-RequestId every press of it sends. */
export interface CancelOrderButton extends OrderRef {
  requestId: string;
}

/** Checks a {@link CancelOrderButton}. */
export const cancelOrderValue: z.ZodType<CancelOrderButton> = z.looseObject({
  customer: customerDetailsValue,
  orderId: z.string(),
  requestId: z.string(),
});
