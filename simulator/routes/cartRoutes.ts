import { lineError, partnerAttestationOf, validateCartLines, type CartLine } from '../domain/cartLines';
import { cartJson, type CartJsonContext } from '../domain/cartJson';
import type { CustomerRecord } from '../domain/customers';
import { orderJson, type OrderRecord } from '../domain/orders';
import { ApiError, invalidInput } from '../http/apiError';
import type { ApiRequest, ApiResponse, CallerIdentity } from '../http/apiTypes';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';
import { hashedGuid } from '../state/seededRandom';
import type { CartRecord, SimulatorState } from '../state/simulatorState';
import { availabilityNotFound } from './catalogRoutes';

const CART_LIFETIME_MS = 7 * 86_400_000;

/** Registers create, update (PUT), get and checkout of carts. */
export function registerCartRoutes(router: Router, context: SimulatorContext): void {
  router.add('POST', '/v1/customers/{customerId}/carts', (request) => createCart(request, context), {
    throttled: true,
  });
  router.add('PUT', '/v1/customers/{customerId}/carts/{cartId}', (request) => updateCart(request, context), {
    throttled: true,
  });
  router.add('GET', '/v1/customers/{customerId}/carts/{cartId}', (request) => {
    const state = context.state;
    const customer = state.customer(request.params.customerId);
    const cart = findCart(state, customer, request.params.cartId, request.now);
    return { status: 200, body: cartJson(cart, lineContext(context, customer, request.now)) };
  });
  router.add('POST', '/v1/customers/{customerId}/carts/{cartId}/checkout', (request) => checkout(request, context), {
    throttled: true,
  });
}

function createCart(request: ApiRequest, context: SimulatorContext): ApiResponse {
  const state = context.state;
  const customer = state.customer(request.params.customerId);
  const lines = validateCartLines(request.jsonBody(), lineContext(context, customer, request.now));
  const partnerOnRecordAttestationAccepted = partnerAttestationOf(request.jsonBody(), lines);
  const cart: CartRecord = {
    id: state.random.guid(),
    customerId: customer.id,
    createdAt: request.now,
    lastModifiedAt: request.now,
    expiresAt: request.now + CART_LIFETIME_MS,
    lastModifiedUser: modifiedBy(request.caller),
    status: 'Active',
    lines,
    checkoutInFlight: false,
    partnerOnRecordAttestationAccepted,
  };
  state.carts.set(cart.id, cart);
  return { status: 201, body: cartJson(cart, lineContext(context, customer, request.now)) };
}

function updateCart(request: ApiRequest, context: SimulatorContext): ApiResponse {
  const state = context.state;
  const customer = state.customer(request.params.customerId);
  const cart = findCart(state, customer, request.params.cartId, request.now);
  if (cart.status !== 'Active' || cart.checkoutInFlight) {
    throw invalidInput(`cart ${cart.id} has already been submitted and can't be changed`);
  }
  const lines = validateCartLines(request.jsonBody(), lineContext(context, customer, request.now));
  cart.partnerOnRecordAttestationAccepted = partnerAttestationOf(request.jsonBody(), lines);
  cart.lines = lines;
  cart.lastModifiedAt = request.now;
  cart.lastModifiedUser = modifiedBy(request.caller);
  return { status: 201, body: cartJson(cart, lineContext(context, customer, request.now)) };
}

async function checkout(request: ApiRequest, context: SimulatorContext): Promise<ApiResponse> {
  const state = context.state;
  const customer = state.customer(request.params.customerId);
  const cart = state.carts.get(request.params.cartId.toLowerCase());
  if (!cart || cart.customerId !== customer.id) throw cartNotFound();
  if (cart.checkoutResult) return { status: 201, body: cart.checkoutResult };
  if (cart.checkoutInFlight) {
    throw new ApiError(409, 800064, `Cart ${cart.id} is being processed by another request`);
  }
  if (cart.expiresAt <= request.now) throw cartExpired(cart);
  cart.checkoutInFlight = true;
  try {
    await sleep(context.settings.checkoutProcessingMs);
    const now = request.now;
    const lines = lineContext(context, customer, now);
    for (const line of cart.lines) {
      if (!state.catalog.findAvailability(line.ref.id)) throw new ApiError(404, 400019, availabilityNotFound);
      const error = lineError(line, lines);
      if (error?.errorCode === 'subscription_not_registered') {
        throw new ApiError(400, 800030, "This subscription isn't registered");
      }
      if (error?.errorCode === 'inventory_not_available') {
        throw new ApiError(400, 800010, "Inventory isn't available for this catalog item");
      }
    }
    // One order per order group, as the documented checkout example shows; a group a test refused is an
    // `orderErrors` entry instead, and its lines are not ordered.
    const groups = state.orderGroups.split(cart.lines);
    const orderErrors = state.orderGroups.errorsFor(groups);
    const refused = new Set(orderErrors.map((error) => error.orderGroupId));
    const orders = groups
      .filter((group) => !refused.has(group.orderGroup))
      .map((group) => placeOrder(state, customer, group.lines, now, context));
    const result = {
      orders: orders.map((order) => orderJson(order, false)),
      orderErrors,
      attributes: { objectType: 'CartCheckoutResult' },
    };
    // Nothing ordered: the cart stays Active, like a checkout refused with an HTTP error (docs don't say).
    if (orders.length === 0) return { status: 201, body: result };
    cart.status = 'Ordered';
    cart.checkoutResult = result;
    return { status: 201, body: cart.checkoutResult };
  } finally {
    cart.checkoutInFlight = false;
  }
}

function placeOrder(
  state: SimulatorState,
  customer: CustomerRecord,
  lines: readonly CartLine[],
  now: number,
  context: SimulatorContext,
): OrderRecord {
  const order: OrderRecord = {
    id: state.newOrderId(),
    alternateId: state.random.chars(12, '0123456789abcdef'),
    customerId: customer.id,
    currency: customer.market.currency,
    symbol: customer.market.symbol,
    createdAt: now,
    completesAt: now + context.settings.orderCompletionSeconds * 1000,
    listVisibleAt: now + context.settings.orderListDelaySeconds * 1000,
    status: 'pending',
    lines: lines.map((line, index) => ({
      lineItemNumber: index,
      offerId: line.catalogItemId,
      productId: line.ref.product.id,
      skuId: line.ref.sku.id,
      availabilityId: line.ref.id,
      kind: line.ref.product.kind,
      friendlyName: line.friendlyName ?? line.ref.sku.title,
      quantity: line.quantity,
      termDuration: line.termDuration,
      provisioningContext: line.provisioningContext,
      unitPrice: state.catalog.unitPrice(line.ref),
      country: line.ref.market.country,
    })),
  };
  state.orders.push(order);
  return order;
}

function findCart(state: SimulatorState, customer: CustomerRecord, cartId: string, now: number): CartRecord {
  const cart = state.carts.get(cartId.toLowerCase());
  if (!cart || cart.customerId !== customer.id) throw cartNotFound();
  if (cart.status === 'Active' && cart.expiresAt <= now) throw cartExpired(cart);
  return cart;
}

function lineContext(context: SimulatorContext, customer: CustomerRecord, now: number): CartJsonContext {
  return {
    orderGroups: context.state.orderGroups,
    catalog: context.state.catalog,
    customer,
    now,
    registrationStepSeconds: context.settings.registrationStepSeconds,
  };
}

function cartNotFound(): ApiError {
  return new ApiError(404, 800008, 'Unable to retrieve cart ID');
}

function cartExpired(cart: CartRecord): ApiError {
  return new ApiError(
    404,
    800008,
    `Unable to retrieve cart ID: cart ${cart.id} expired on ${new Date(cart.expiresAt).toISOString()}`,
  );
}

function modifiedBy(caller: CallerIdentity): string {
  return hashedGuid(caller.kind === 'user' ? `user:${caller.user}` : 'application');
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
