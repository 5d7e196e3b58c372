import type { AzureSubscription, CustomerRecord } from '../domain/customers';
import { ApiError } from '../http/apiError';
import { collection, link } from '../http/links';
import type { Router } from '../http/router';
import type { SimulatorContext } from '../simulatorContext';

/**
 * The offer behind each kind of Azure subscription, as Partner Center's Subscription resource shows it: an Azure plan
 * carries the Azure plan catalog item (usage records example), a legacy one `MS-AZR-0145P` ("Microsoft Azure",
 * get-a-subscription-by-id example).
 */
const OFFERS: Record<AzureSubscription['kind'], { offerId: string; offerName: string }> = {
  azurePlan: { offerId: 'DZH318Z0BPS6:0001:DZH318Z0BML6', offerName: 'Azure plan' },
  microsoftAzure: { offerId: 'MS-AZR-0145P', offerName: 'Microsoft Azure' },
};

/**
 * Registers a customer's subscriptions: the list, and one by id (`get-a-subscription-by-id`), which is how a client
 * tells an Azure plan from a Microsoft Azure (MS-AZR-0145P) subscription before listing reservations.
 */
export function registerSubscriptionRoutes(router: Router, context: SimulatorContext): void {
  router.add('GET', '/v1/customers/{customerId}/subscriptions', (request) => {
    const customer = context.state.customer(request.params.customerId);
    const items = customer.subscriptions.map((subscription) => subscriptionJson(customer, subscription));
    return {
      status: 200,
      body: collection(items, { self: link(`/customers/${customer.id}/subscriptions`) }),
    };
  });
  router.add('GET', '/v1/customers/{customerId}/subscriptions/{subscriptionId}', (request) => {
    const customer = context.state.customer(request.params.customerId);
    const wanted = request.params.subscriptionId.toLowerCase();
    const subscription = customer.subscriptions.find((candidate) => candidate.id === wanted);
    if (!subscription) {
      throw new ApiError(404, 20003, `Subscription with ID ${request.params.subscriptionId} not found.`);
    }
    return { status: 200, body: subscriptionJson(customer, subscription) };
  });
}

function subscriptionJson(customer: CustomerRecord, subscription: AzureSubscription): Record<string, unknown> {
  const offer = OFFERS[subscription.kind];
  return {
    id: subscription.id,
    entitlementId: subscription.id,
    offerId: offer.offerId,
    offerName: offer.offerName,
    friendlyName: subscription.friendlyName,
    quantity: 1,
    unitType: 'Usage-based',
    status: 'active',
    billingType: 'usage',
    billingCycle: 'monthly',
    links: { self: link(`/customers/${customer.id}/subscriptions/${subscription.id}`) },
    attributes: { objectType: 'Subscription' },
  };
}
