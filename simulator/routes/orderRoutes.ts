import { z } from 'zod';
import { cancelOrderLines } from '../domain/cancellation';
import { entitlementJson, parseEntitlementType } from '../domain/entitlements';
import { orderJson, parseBillingType, provisioningStatusItems, type OrderRecord } from '../domain/orders';
import { ApiError, invalidInput } from '../http/apiError';
import type { ApiRequest } from '../http/apiTypes';
import { collection, link } from '../http/links';
import { booleanValue } from '../http/queryValues';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

/** Registers order by id, order lists (with `billingType`), provisioning status and entitlements. */
export function registerOrderRoutes(router: Router, context: SimulatorContext): void {
  router.add(
    'GET',
    '/v1/customers/{customerId}/orders',
    (request) => {
      const customer = context.state.customer(request.params.customerId);
      const includePrice = booleanValue('include_price', request.query.get('include_price'));
      const billingTypeText = request.query.get('billingType');
      let billingCycle: string | undefined;
      if (billingTypeText) {
        billingCycle = parseBillingType(billingTypeText);
        if (!billingCycle) throw new ApiError(400, 900126, `Unable to parse enum: ${billingTypeText}`);
      }
      const orders = context.state.orders.filter(
        (order) =>
          order.customerId === customer.id &&
          order.listVisibleAt <= request.now &&
          (billingCycle === undefined || billingCycle === 'one_time'),
      );
      const self = `/customers/${customer.id}/orders${billingTypeText ? `?billingType=${billingTypeText}` : ''}`;
      return {
        status: 200,
        body: collection(
          orders.map((order) => orderJson(order, includePrice)),
          { self: link(self) },
        ),
      };
    },
    { throttled: true },
  );
  router.add(
    'GET',
    '/v1/customers/{customerId}/orders/{orderId}',
    (request) => {
      const includePrice = booleanValue('include_price', request.query.get('include_price'));
      return { status: 200, body: orderJson(findOrder(request, context), includePrice) };
    },
    { throttled: true },
  );
  router.add(
    'PATCH',
    '/v1/customers/{customerId}/orders/{orderId}',
    (request) => {
      const order = findOrder(request, context);
      const parsed = cancelRequestSchema.safeParse(request.jsonBody());
      if (!parsed.success) throw invalidInput('the body must be an order with status "cancelled" and its line items');
      const body = parsed.data;
      if (body.status.toLowerCase() !== 'cancelled') {
        throw invalidInput(`only status "cancelled" can be set on an order, not "${body.status}"`);
      }
      if (body.id !== undefined && body.id !== order.id) throw invalidInput('the body id is not the order in the path');
      const lines = body.lineitems?.map((line) => ({ lineItemNumber: line.lineitemnumber, offerId: line.offerid }));
      cancelOrderLines(context.state, order, lines, request.now);
      return { status: 200, body: orderJson(order, false) };
    },
    { throttled: true },
  );
  router.add(
    'GET',
    '/v1/customers/{customerId}/orders/{orderId}/provisioningstatus',
    (request) => {
      const order = findOrder(request, context);
      return {
        status: 200,
        body: collection(provisioningStatusItems(order), {
          self: link(`/customers/${order.customerId}/orders/${order.id}/provisioningstatus`),
        }),
      };
    },
    { throttled: true, appUserOnly: true },
  );
  router.add(
    'GET',
    '/v1/customers/{customerId}/entitlements',
    (request) => {
      const customer = context.state.customer(request.params.customerId);
      const typeText = request.query.get('entitlementType');
      const type = typeText ? parseEntitlementType(typeText) : undefined;
      if (typeText && !type) throw new ApiError(400, 800002, `Invalid request input: entitlementType '${typeText}'`);
      const showExpiry = booleanValue('showExpiry', request.query.get('showExpiry'));
      const items = context.state.entitlements
        .filter((record) => record.customerId === customer.id)
        .filter((record) => !type || (type === 'reservedinstance') === (record.line.kind === 'reservation'))
        .map((record) => entitlementJson(record, showExpiry));
      return { status: 200, body: collection(items) };
    },
    { appUserOnly: true },
  );
}

// The PATCH body of "Cancel software purchases", property names lower-cased by the pipeline (any casing is accepted).
const cancelRequestSchema = z.object({
  id: z.string().optional(),
  status: z.string(),
  lineitems: z
    .array(z.object({ lineitemnumber: z.number().int().nonnegative(), offerid: z.string().min(1).optional() }))
    .optional(),
});

function findOrder(request: ApiRequest, context: SimulatorContext): OrderRecord {
  const customer = context.state.customer(request.params.customerId);
  const order = context.state.orders.find(
    (candidate) => candidate.id === request.params.orderId && candidate.customerId === customer.id,
  );
  if (!order) throw new ApiError(404, 20000, 'Order ID not found');
  return order;
}
