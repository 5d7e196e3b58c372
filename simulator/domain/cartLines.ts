import { z } from 'zod';
import { isRestrictedMarket } from '../data/restrictedMarkets';
import { ApiError, invalidInput } from '../http/apiError';
import { dictionaryValue } from '../http/lowerCaseKeys';
import type { AvailabilityRef, Catalog } from './catalog';
import type { AzureSubscription, CustomerRecord } from './customers';
import { inventoryRestrictions } from './inventory';
import { registrationStatus } from './registrationStatus';

/** A cart line-item error as it appears in `lineItems[].error` (errorCode as a snake_case string, CONTRACT §7.0). */
export interface CartLineError {
  errorCode: 'subscription_not_registered' | 'inventory_not_available';
  errorDescription: string;
}

/** A validated cart line, remembering the availability it was carted from. */
export interface CartLine {
  id: number;
  catalogItemId: string;
  friendlyName?: string;
  quantity: number;
  termDuration?: string;
  provisioningContext?: Record<string, string>;
  participants?: { key: string; value: string }[];
  /** `AttestationAccepted` as sent; true on every line whose SKU enforces attestation (else the cart was refused). */
  attestationAccepted?: boolean;
  ref: AvailabilityRef;
  subscription?: AzureSubscription;
}

/** What line validation needs to know about the moment and the customer. */
export interface CartLineContext {
  catalog: Catalog;
  customer: CustomerRecord;
  now: number;
  registrationStepSeconds: number;
}

const lineSchema = z.object({
  id: z.number().int().optional(),
  catalogitemid: z.string().optional(),
  friendlyname: z.string().optional(),
  quantity: z.unknown(),
  billingcycle: z.unknown(),
  termduration: z.string().optional(),
  provisioningcontext: z.record(z.string(), z.string()).optional(),
  participants: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  attestationaccepted: z.boolean().optional(),
});

const bodySchema = z.object({ lineitems: z.array(z.unknown()) });
const partnerAttestationSchema = z.object({ partneronrecordattestationaccepted: z.boolean().optional() });

const OTHER_BILLING_CYCLES = new Set(['monthly', 'annual', 'none', 'triennial', 'biennial']);

/**
 * Validates the line items of a create/update cart body (already lower-cased keys). Problems with the request itself
 * are HTTP errors; problems that can go away on their own (registration in progress, inventory) become line `error`s.
 */
export function validateCartLines(body: unknown, context: CartLineContext): CartLine[] {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw invalidInput('the body must be a cart with a lineItems array');
  if (parsed.data.lineitems.length === 0) throw invalidInput('a cart needs at least one line item');
  const lines = parsed.data.lineitems.map((raw, index) => validateLine(raw, index, context));
  const ids = lines.map((line) => line.id).sort((a, b) => a - b);
  if (ids.some((id, index) => id !== index)) {
    throw new ApiError(400, 800071, 'Line Item number should be from 0 to number of line items count');
  }
  return lines.sort((a, b) => a.id - b.id);
}

/**
 * The cart's `PartnerOnRecordAttestationAccepted`, refused with 400 / 900206 "Partner Attestation is missing" when it
 * isn't true on a cart that needs it. The create-cart reference marks it required and "Confirms Attestation
 * completion", yet its examples without attestation or resellers omit it; so (inference, see README) it is required
 * when a line's SKU enforces attestation or a line names resellers (`participants`, the case its sample shows).
 */
export function partnerAttestationOf(body: unknown, lines: readonly CartLine[]): boolean | undefined {
  const parsed = partnerAttestationSchema.safeParse(body);
  if (!parsed.success) throw invalidInput('PartnerOnRecordAttestationAccepted must be true or false');
  const accepted = parsed.data.partneronrecordattestationaccepted;
  const needed = lines.some(
    (line) => line.ref.sku.enforcedAttestationType !== undefined || (line.participants?.length ?? 0) > 0,
  );
  if (needed && accepted !== true) throw new ApiError(400, 900206, 'Partner Attestation is missing');
  return accepted;
}

/** The error a line has right now (registration or inventory), if any. */
export function lineError(line: CartLine, context: CartLineContext): CartLineError | undefined {
  if (line.ref.product.kind !== 'reservation' || !line.subscription) return undefined;
  if (registrationStatus(line.subscription, context.now, context.registrationStepSeconds) !== 'Registered') {
    return { errorCode: 'subscription_not_registered', errorDescription: "This subscription isn't registered" };
  }
  if (inventoryRestrictions(line.ref.sku, line.subscription).length > 0) {
    return {
      errorCode: 'inventory_not_available',
      errorDescription: "Inventory isn't available for this catalog item",
    };
  }
  return undefined;
}

function validateLine(raw: unknown, index: number, context: CartLineContext): CartLine {
  const parsed = lineSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw invalidInput(`line item ${index} is malformed (${where})`);
  }
  const input = parsed.data;
  const id = input.id ?? index;
  if (!input.catalogitemid) throw new ApiError(400, 900142, "The catalog item ID isn't present");
  const ref = resolveCatalogItem(input.catalogitemid, context.catalog);
  const customerCountry = context.customer.market.country;
  if (
    ref.market.country !== customerCountry ||
    (ref.product.kind !== 'perpetual' && isRestrictedMarket(customerCountry))
  ) {
    throw new ApiError(400, 800070, "Offer isn't available in the specified country/region");
  }
  checkBillingCycle(input.billingcycle);
  checkQuantity(input.quantity, id, ref);
  const termDuration = checkTerm(input.termduration, ref);
  if (ref.sku.requiresQualification) throw new ApiError(403, 800020, "The catalog item isn't eligible for purchase.");
  const catalogItemId = `${ref.product.id}:${ref.sku.id}:${ref.id}`;
  if (ref.sku.enforcedAttestationType && input.attestationaccepted !== true) {
    throw new ApiError(400, 900203, `CatalogItemId: ${catalogItemId} requires attestation acceptance.`);
  }
  const line: CartLine = {
    id,
    catalogItemId,
    friendlyName: input.friendlyname,
    quantity: input.quantity as number,
    termDuration,
    provisioningContext: input.provisioningcontext,
    participants: input.participants,
    ref,
  };
  if (input.attestationaccepted !== undefined) line.attestationAccepted = input.attestationaccepted;
  if (ref.product.kind === 'reservation') line.subscription = checkProvisioningContext(line, context);
  return line;
}

function resolveCatalogItem(catalogItemId: string, catalog: Catalog): AvailabilityRef {
  const [productId, skuId, availabilityId, ...rest] = catalogItemId.split(':');
  const ref = availabilityId && rest.length === 0 ? catalog.findAvailability(availabilityId) : undefined;
  if (!ref || ref.product.id !== productId.toUpperCase() || ref.sku.id !== skuId.toUpperCase()) {
    throw new ApiError(
      400,
      800004,
      `Invalid offer ID: '${catalogItemId}' is unknown or its availability id is no longer current; get the availability again`,
    );
  }
  return ref;
}

function checkBillingCycle(value: unknown): void {
  const text = typeof value === 'string' ? value : '';
  const compact = text.replace(/_/g, '').toLowerCase();
  if (compact === 'onetime') return;
  if (OTHER_BILLING_CYCLES.has(compact)) {
    throw invalidInput(`billing cycle '${text}' isn't supported for this catalog item; use one_time`);
  }
  throw new ApiError(400, 900126, `Unable to parse enum: ${String(value)}`);
}

function checkQuantity(value: unknown, id: number, ref: AvailabilityRef): void {
  const valid =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= Math.max(1, ref.sku.minimumQuantity) &&
    value <= ref.sku.maximumQuantity;
  if (!valid) {
    throw new ApiError(
      400,
      900275,
      `The requested quantity for line item ${id} is not within the allowed quantity for this offer.`,
    );
  }
}

function checkTerm(requested: string | undefined, ref: AvailabilityRef): string | undefined {
  const term = ref.sku.termDuration;
  if (requested === undefined || requested === '') return term;
  if (!term) throw invalidInput("termDuration isn't supported for perpetual software; omit it");
  if (requested.toUpperCase() !== term) {
    throw invalidInput(`termDuration '${requested}' doesn't match the availability's term ${term}`);
  }
  return term;
}

function checkProvisioningContext(line: CartLine, context: CartLineContext): AzureSubscription {
  const subscriptionId = dictionaryValue(line.provisioningContext, 'subscriptionId');
  if (!subscriptionId) {
    // The documented code for the catalog the line came from: an Azure plan's id, or an Azure subscription's.
    if (line.ref.reservationCatalog === 'azurePlan') {
      throw new ApiError(
        400,
        900317,
        'Subscription ID (Azure plan ID) in the provisioning context is required for the transaction.',
      );
    }
    throw new ApiError(
      400,
      900313,
      'Entitlement ID (Azure subscription ID) in the provisioning context is required for the transaction.',
    );
  }
  const scope = dictionaryValue(line.provisioningContext, 'scope') ?? '';
  if (!['single', 'shared'].includes(scope.toLowerCase())) {
    throw new ApiError(400, 900312, `The selected scope '${scope}' in the provisioning context is not supported.`);
  }
  const duration = dictionaryValue(line.provisioningContext, 'duration');
  const skuDuration = line.ref.sku.dynamicAttributes?.duration ?? '';
  if (
    duration !== undefined &&
    duration.toLowerCase().replace(/s$/, '') !== skuDuration.toLowerCase().replace(/s$/, '')
  ) {
    throw invalidInput(`provisioning context duration '${duration}' doesn't match the SKU's duration ${skuDuration}`);
  }
  const subscription = context.customer.subscriptions.find(
    (candidate) => candidate.id.toLowerCase() === subscriptionId.toLowerCase(),
  );
  if (!subscription) throw new ApiError(400, 800011, "This subscription isn't a valid Azure subscription");
  // Azure plans and Microsoft Azure (MS-AZR-0145P) subscriptions buy from different reservation catalogs: a line
  // carted from the other one gets the documented "not eligible for purchase using the provided Azure subscription".
  if (line.ref.reservationCatalog !== undefined && line.ref.reservationCatalog !== subscription.kind) {
    throw new ApiError(400, 900315, 'This product is not eligible for purchase using the provided Azure subscription.');
  }
  return subscription;
}
