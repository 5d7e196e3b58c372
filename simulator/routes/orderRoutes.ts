import { entitlementJson, parseEntitlementType } from '../domain/entitlements';
import { orderJson, parseBillingType, provisioningStatusItems, type OrderRecord } from '../domain/orders';
import { ApiError } from '../http/apiError';
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

function findOrder(request: ApiRequest, context: SimulatorContext): OrderRecord {
  const customer = context.state.customer(request.params.customerId);
  const order = context.state.orders.find(
    (candidate) => candidate.id === request.params.orderId && candidate.customerId === customer.id,
  );
  if (!order) throw new ApiError(404, 20000, 'Order ID not found');
  return order;
}
