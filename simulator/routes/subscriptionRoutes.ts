import { collection, link } from '../http/links';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

/**
 * Registers a minimal customer subscriptions list (not part of the one-time-purchase contract) so a client can
 * discover the Azure subscription ids that reservations are bought for.
 */
export function registerSubscriptionRoutes(router: Router, context: SimulatorContext): void {
  router.add('GET', '/v1/customers/{customerId}/subscriptions', (request) => {
    const customer = context.state.customer(request.params.customerId);
    const items = customer.subscriptions.map((subscription) => ({
      id: subscription.id,
      entitlementId: subscription.id,
      offerId: 'DZH318Z0BPS6:0001',
      offerName: 'Azure plan',
      friendlyName: subscription.friendlyName,
      quantity: 1,
      unitType: 'Usage-based',
      status: 'active',
      billingCycle: 'monthly',
      links: { self: link(`/customers/${customer.id}/subscriptions/${subscription.id}`) },
      attributes: { objectType: 'Subscription' },
    }));
    return {
      status: 200,
      body: collection(items, { self: link(`/customers/${customer.id}/subscriptions`) }),
    };
  });
}
